package dev.shellbus.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.Fixtures;
import dev.shellbus.events.schema.SchemaVersions;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.SandboxSpec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSerdeRoundTripTest {

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void everyKindRoundTripsWithoutAnyJvmFlag(EventKind kind) {
    SpecificRecord sample = Fixtures.sample(kind);
    EventSerializer<SpecificRecord> serializer = new EventSerializer<>();
    EventDeserializer<SpecificRecord> deserializer = new EventDeserializer<>();
    serializer.configure(Map.of(EventSerdes.KIND_CONFIG, kind.name()), false);
    deserializer.configure(Map.of(EventSerdes.KIND_CONFIG, kind.recordClass().getName()), false);

    byte[] bytes = serializer.serialize("t", sample);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(SingleObjectHeader.fingerprint(bytes, "x")).isEqualTo(SchemaVersions.fingerprint(kind.schema()));
    assertThat(deserializer.deserialize("t", bytes)).isEqualTo(sample);
  }

  @Test
  void serdeFactoryRoundTripsARequestWithEveryBodyField() {
    Serde<SandboxRequest> serde = EventSerdes.serde(SandboxRequest.class);
    SandboxRequest request = Fixtures.request();

    SandboxRequest back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", request));

    assertThat(back).isEqualTo(request);
    assertThat(back.getCreatedAt()).isEqualTo(Fixtures.NOW);
  }

  @Test
  void nullIsATombstoneBothWays() {
    Serde<SandboxResult> serde = EventSerdes.serde(SandboxResult.class);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void recordMissingARequiredFieldFailsWithItsName() {
    SandboxResult broken = Fixtures.result();
    broken.setWorkerId(null);
    EventSerializer<SandboxResult> serializer = new EventSerializer<>(SandboxResult.class);

    assertThatThrownBy(() -> serializer.serialize("t", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("SandboxResult");
  }

  @Test
  void nestedRecordsAreNotPublishableKinds() {
    assertThatThrownBy(() -> new EventSerializer<>(SandboxSpec.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a published record");
  }

  @Test
  void unknownKindConfigNamesTheKey() {
    EventDeserializer<SpecificRecord> deserializer = new EventDeserializer<>();
    assertThatThrownBy(() -> deserializer.configure(Map.of(EventSerdes.KIND_CONFIG, "NOPE"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EventSerdes.KIND_CONFIG);
  }

  @Test
  void unconfiguredDeserializerSaysWhatIsMissing() {
    assertThatThrownBy(() -> new EventDeserializer<>().deserialize("t", new byte[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(EventSerdes.KIND_CONFIG);
  }
}
