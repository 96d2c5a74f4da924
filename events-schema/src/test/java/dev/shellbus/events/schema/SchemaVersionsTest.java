package dev.shellbus.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaVersionsTest {

  private final SchemaVersions versions = SchemaVersions.get();

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void versionsAreNumberedFromOneWithoutGapsAndHoldTheirRecord(EventKind kind) {
    List<StoredSchema> list = versions.versions(kind);
    for (int i = 0; i < list.size(); i++) {
      assertThat(list.get(i).version()).isEqualTo(i + 1);
      assertThat(list.get(i).schema().getFullName()).isEqualTo(kind.schema().getFullName());
    }
  }

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void eachKindsStoreResolvesOnlyItsOwnFingerprints(EventKind kind) {
    for (EventKind other : EventKind.values()) {
      long fingerprint = SchemaVersions.fingerprint(other.schema());
      Schema found = versions.store(kind).findByFingerprint(fingerprint);
      assertThat(found != null).as(kind + " store resolves " + other).isEqualTo(other == kind);
      assertThat(versions.store().findByFingerprint(fingerprint)).isNotNull();
    }
  }

  @Test
  void fingerprintsOfDifferentKindsDiffer() {
    Set<Long> fingerprints = Arrays.stream(EventKind.values())
        .map(k -> SchemaVersions.fingerprint(k.schema())).collect(Collectors.toSet());
    assertThat(fingerprints).hasSize(EventKind.values().length);
  }

  @Test
  void portableFormDropsOnlyJavaStringHints() {
    Schema current = EventKind.RESULT.schema();
    Schema portable = SchemaVersions.portable(current);
    assertThat(current.toString()).contains("avro.java.string");
    assertThat(portable.toString()).doesNotContain("avro.java.string");
    assertThat(SchemaVersions.fingerprint(portable)).isEqualTo(SchemaVersions.fingerprint(current));
  }

  @Test
  void everyGeneratedClassReachableFromThePublishedRecordsIsTrusted() {
    AvroTrust.install();
    Set<String> names = new java.util.TreeSet<>();
    for (EventKind kind : EventKind.values()) {
      collectNamedTypes(kind.schema(), names);
    }
    assertThat(names).contains("dev.shellbus.events.v1.RunJob", "dev.shellbus.events.v1.StepStatus",
        "dev.shellbus.events.v1.OwnedSandbox", "dev.shellbus.events.v1.AuditMetadata").hasSize(34);
    for (String name : names) {
      assertThat(ClassSecurityValidator.getGlobal().isTrusted(classFor(name))).as(name).isTrue();
    }
    assertThat(AvroTrust.isGenerated(EventKind.class)).isFalse();
    assertThat(AvroTrust.isGenerated(String.class)).isFalse();
  }

  private static void collectNamedTypes(Schema schema, Set<String> names) {
    switch (schema.getType()) {
      case RECORD -> {
        if (names.add(schema.getFullName())) {
          schema.getFields().forEach(f -> collectNamedTypes(f.schema(), names));
        }
      }
      case ENUM, FIXED -> names.add(schema.getFullName());
      case ARRAY -> collectNamedTypes(schema.getElementType(), names);
      case MAP -> collectNamedTypes(schema.getValueType(), names);
      case UNION -> schema.getTypes().forEach(t -> collectNamedTypes(t, names));
      default -> { }
    }
  }

  private static Class<?> classFor(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no generated class " + name, e);
    }
  }
}
