/**
 * Mapping between the Avro event contract and the orchestrator engine's types, and the encoding of outgoing events
 * with their keys and CloudEvents headers.
 */
package dev.shellbus.worker.mapping;
