package dev.shellbus.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.Fixtures;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.serde.EventSerdes;
import dev.shellbus.events.serde.EventSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The breaking-change check: every current schema must read, and be read by, every stored version (full transitive
 * compatibility), and real bytes must cross in both directions. A failure names the record, version and the
 * incompatibility Avro found.
 */
class SchemaCompatibilityTest {

  private static final int HEADER = 10;

  static Stream<Arguments> storedVersions() {
    return Stream.of(EventKind.values())
        .flatMap(kind -> SchemaVersions.get().versions(kind).stream().map(v -> Arguments.of(kind, v)));
  }

  @ParameterizedTest(name = "{0} current reads {1}")
  @MethodSource("storedVersions")
  void currentReadsEveryStoredVersion(EventKind kind, StoredSchema stored) {
    assertThat(incompatibilities(kind.schema(), stored.schema()))
        .as("BACKWARD: current %s cannot read data written with %s", kind.recordName(), stored.label())
        .isEmpty();
  }

  @ParameterizedTest(name = "{1} reads current {0}")
  @MethodSource("storedVersions")
  void everyStoredVersionReadsCurrent(EventKind kind, StoredSchema stored) {
    assertThat(incompatibilities(stored.schema(), kind.schema()))
        .as("FORWARD: readers on %s cannot read data written with the current %s", stored.label(), kind.recordName())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} bytes of {1} decode as current")
  @MethodSource("storedVersions")
  void bytesWrittenWithAStoredVersionDecodeIntoCurrentClasses(EventKind kind, StoredSchema stored) throws IOException {
    EventDeserializer<SpecificRecord> current = deserializer(kind);
    for (SpecificRecord sample : Fixtures.samples(kind)) {
      GenericRecord old = project(sample, stored.schema());
      byte[] oldBytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stored.schema()).encode(old).array();

      SpecificRecord read = current.decode(oldBytes);

      assertThat(project(read, stored.schema())).isEqualTo(old);
    }
  }

  @ParameterizedTest(name = "current {0} bytes decode with {1}")
  @MethodSource("storedVersions")
  void bytesWrittenWithCurrentDecodeWithAStoredVersion(EventKind kind, StoredSchema stored) throws IOException {
    BinaryMessageDecoder<GenericRecord> old =
        new BinaryMessageDecoder<>(GenericData.get(), stored.schema(), SchemaVersions.get().store(kind));
    for (SpecificRecord sample : Fixtures.samples(kind)) {
      byte[] bytes = serializer(kind).serialize("t", sample);

      assertThat(old.decode(bytes)).isEqualTo(project(sample, stored.schema()));
    }
  }

  @Test
  void theCheckCatchesRemovedRequiredFieldsRenamesAndNewFieldsWithoutDefault() {
    Schema v1 = SchemaBuilder.record("R").namespace("t").fields()
        .requiredString("a").requiredString("b").endRecord();
    Schema withoutB = SchemaBuilder.record("R").namespace("t").fields().requiredString("a").endRecord();
    Schema renamed = SchemaBuilder.record("R2").namespace("t").fields()
        .requiredString("a").requiredString("b").endRecord();
    Schema extraField = SchemaBuilder.record("R").namespace("t").fields()
        .requiredString("a").requiredString("b").requiredInt("c").endRecord();

    assertThat(incompatibilities(v1, withoutB)).as("old reader, new writer without b").isNotEmpty();
    assertThat(incompatibilities(renamed, v1)).isNotEmpty();
    assertThat(incompatibilities(extraField, v1)).as("new reader needs c, old data lacks it").isNotEmpty();
    assertThatThrownBy(() -> assertThat(incompatibilities(v1, withoutB)).isEmpty()).isInstanceOf(AssertionError.class);
  }

  @Test
  void addingAnEnumSymbolIsToleratedByOldReadersThroughTheDefault() {
    Schema v1 = SchemaBuilder.enumeration("S").namespace("t").defaultSymbol("UNKNOWN").symbols("UNKNOWN", "A");
    Schema v2 = SchemaBuilder.enumeration("S").namespace("t").defaultSymbol("UNKNOWN").symbols("UNKNOWN", "A", "B");
    assertThat(incompatibilities(v1, v2)).isEmpty();
    assertThat(incompatibilities(v2, v1)).isEmpty();
  }

  /** Returns Avro's incompatibilities of {@code reader} reading {@code writer}'s data, as readable lines. */
  static List<String> incompatibilities(Schema reader, Schema writer) {
    List<String> lines = new ArrayList<>();
    for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult().getIncompatibilities()) {
      lines.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
    }
    return lines;
  }

  /** Re-reads {@code record} (encoded with its current schema) as a generic record of {@code schema}. */
  private static GenericRecord project(SpecificRecord record, Schema schema) throws IOException {
    EventKind kind = EventKind.of(record.getClass()).orElseThrow();
    byte[] body = raw(serializer(kind).serialize("t", record));
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(kind.schema(), schema, GenericData.get());
    return reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
  }

  private static byte[] raw(byte[] singleObject) {
    return Arrays.copyOfRange(singleObject, HEADER, singleObject.length);
  }

  private static EventSerializer<SpecificRecord> serializer(EventKind kind) {
    EventSerializer<SpecificRecord> s = new EventSerializer<>();
    s.configure(Map.of(EventSerdes.KIND_CONFIG, kind.name()), false);
    return s;
  }

  private static EventDeserializer<SpecificRecord> deserializer(EventKind kind) {
    EventDeserializer<SpecificRecord> d = new EventDeserializer<>();
    d.configure(Map.of(EventSerdes.KIND_CONFIG, kind.name()), false);
    return d;
  }
}
