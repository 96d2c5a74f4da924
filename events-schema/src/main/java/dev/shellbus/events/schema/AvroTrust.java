package dev.shellbus.events.schema;

import dev.shellbus.events.EventKind;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Adds the generated shellbus records to Avro's trusted-class list.
 *
 * <p>Avro 1.12.2 refuses to instantiate a SpecificRecord class it does not trust ({@code SecurityException:
 * Forbidden ...}) unless the JVM was started with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}. Calling {@link
 * #install()} adds exactly the classes named by our schemas to the global validator, keeping whatever was trusted
 * before, so users need no flag. The serdes and {@link SchemaVersions} call it; call it yourself before using the
 * generated {@code getDecoder()} directly.
 */
public final class AvroTrust {

  private static volatile boolean installed;

  private AvroTrust() {}

  /** Trusts every generated record and enum class; idempotent and thread-safe. */
  public static void install() {
    if (installed) {
      return;
    }
    synchronized (AvroTrust.class) {
      if (!installed) {
        ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
        generatedClassNames().forEach(ours::add);
        ClassSecurityValidator.setGlobal(
            ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
        installed = true;
      }
    }
  }

  /** Returns the full names of all named types (records, enums, fixed) reachable from the published records. */
  public static Set<String> generatedClassNames() {
    Set<String> names = new LinkedHashSet<>();
    for (EventKind kind : EventKind.values()) {
      collect(kind.schema(), names);
    }
    return names;
  }

  private static void collect(Schema schema, Set<String> names) {
    switch (schema.getType()) {
      case RECORD:
        if (names.add(schema.getFullName())) {
          schema.getFields().forEach(f -> collect(f.schema(), names));
        }
        break;
      case ENUM:
      case FIXED:
        names.add(schema.getFullName());
        break;
      case ARRAY:
        collect(schema.getElementType(), names);
        break;
      case MAP:
        collect(schema.getValueType(), names);
        break;
      case UNION:
        schema.getTypes().forEach(t -> collect(t, names));
        break;
      default:
        break;
    }
  }
}
