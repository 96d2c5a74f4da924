package dev.shellbus.events.schema;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Adds the generated shellbus classes to Avro's trusted-class list.
 *
 * <p>Avro 1.12.2 refuses to instantiate a generated class it does not trust ({@code SecurityException: Forbidden
 * ...}) unless the JVM was started with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}. That hits decoding and also
 * copy-builders such as {@code SandboxResult.newBuilder(other)}, which deep-copy nested records. {@link #install()}
 * adds one predicate to the global validator, keeping whatever was trusted before: a class is trusted when it lives
 * in {@value #PACKAGE} and carries {@link AvroGenerated}. Users never need to call it: {@link AvroTrustHook} runs it
 * as soon as Avro initializes its logical types, which happens while the first generated class parses its schema.
 * The serdes and {@link SchemaVersions} call it as well; calling it again does nothing.
 */
public final class AvroTrust {

  /** The Java package of the generated records (the Avro namespace). */
  public static final String PACKAGE = "dev.shellbus.events.v1";

  private static volatile boolean installed;

  private AvroTrust() {}

  /** Trusts every generated shellbus record and enum; idempotent and thread-safe. */
  public static void install() {
    if (installed) {
      return;
    }
    synchronized (AvroTrust.class) {
      if (!installed) {
        ClassSecurityValidator.setGlobal(
            ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), AvroTrust::isGenerated));
        installed = true;
      }
    }
  }

  /** Returns whether {@code type} is a class generated from the shellbus schemas. */
  public static boolean isGenerated(Class<?> type) {
    return PACKAGE.equals(type.getPackageName()) && type.isAnnotationPresent(AvroGenerated.class);
  }
}
