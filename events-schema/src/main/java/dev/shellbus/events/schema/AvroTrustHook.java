package dev.shellbus.events.schema;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Runs {@link AvroTrust#install()} when Avro starts, so that no user needs a JVM flag or an explicit call.
 *
 * <p>Generated classes offer no hook of their own, but Avro loads every {@link LogicalTypes.LogicalTypeFactory}
 * listed in {@code META-INF/services} when its {@code LogicalTypes} class initializes, which happens while the first
 * schema is parsed. This factory is listed there; it defines no usable logical type ({@link #fromSchema} answers
 * null for its reserved name) and exists only for that side effect.
 */
public final class AvroTrustHook implements LogicalTypes.LogicalTypeFactory {

  /** The reserved logical type name this factory registers under; no schema uses it. */
  public static final String TYPE_NAME = "dev.shellbus.avro-trust-hook";

  /** Called by {@link java.util.ServiceLoader}; installs the trust predicate. */
  public AvroTrustHook() {
    AvroTrust.install();
  }

  @Override
  public LogicalType fromSchema(Schema schema) {
    return null;
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }
}
