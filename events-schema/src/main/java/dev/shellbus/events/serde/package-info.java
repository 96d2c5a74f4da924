/**
 * Kafka serializers and deserializers for the published records, in Avro single-object encoding ({@code C3 01},
 * an 8-byte CRC-64-AVRO fingerprint, then the Avro binary body). Decoding resolves the fingerprint in the
 * in-repository store, so bytes written with any released schema version read into the current classes, and every
 * failure surfaces as a typed {@link dev.shellbus.events.serde.EventDecodingException}.
 */
package dev.shellbus.events.serde;
