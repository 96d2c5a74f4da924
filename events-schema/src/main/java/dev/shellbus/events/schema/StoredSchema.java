package dev.shellbus.events.schema;

import dev.shellbus.events.EventKind;
import org.apache.avro.Schema;

/**
 * One released version of a published record, as stored in the repository.
 *
 * @param kind which record it is
 * @param version the version number, starting at 1
 * @param schema the parsed schema
 * @param fingerprint the CRC-64-AVRO fingerprint of its parsing canonical form, as in single-object encoding
 */
public record StoredSchema(EventKind kind, int version, Schema schema, long fingerprint) {

  /** Returns a short label such as {@code SandboxResult v2}. */
  public String label() {
    return kind.recordName() + " v" + version;
  }
}
