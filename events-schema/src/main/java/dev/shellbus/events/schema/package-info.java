/**
 * The schema registry kept in the repository: every released version of every published record, loaded from
 * {@code dev/shellbus/events/schemas/<Record>/vN.avsc} resources into Avro {@code SchemaStore.Cache}s, plus the
 * registration of the generated classes with Avro's class allow-list.
 */
package dev.shellbus.events.schema;
