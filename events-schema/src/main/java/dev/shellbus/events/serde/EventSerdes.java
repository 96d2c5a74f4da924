package dev.shellbus.events.serde;

import dev.shellbus.events.EventKind;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Builds serdes for the published records, and names the config key used when Kafka instantiates them by class name.
 *
 * <p>In code: {@code EventSerdes.serde(SandboxResult.class)}. In client properties: {@code
 * value.deserializer=dev.shellbus.events.serde.EventDeserializer} plus {@code shellbus.event.kind=RESULT}.
 */
public final class EventSerdes {

  /** Client property naming the record kind: an {@link EventKind} name or a generated class name. */
  public static final String KIND_CONFIG = "shellbus.event.kind";

  private EventSerdes() {}

  /** Returns a serde for {@code type}. */
  public static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    return Serdes.serdeFrom(new EventSerializer<>(type), new EventDeserializer<>(type));
  }

  static EventKind kindOf(Class<?> type) {
    return EventKind.of(type).orElseThrow(() -> new IllegalArgumentException(
        type.getName() + " is not a published record; expected one of " + Arrays.toString(EventKind.values())));
  }

  static EventKind kindFrom(Map<String, ?> configs) {
    Object value = configs.get(KIND_CONFIG);
    if (value instanceof Class<?>) {
      return kindOf((Class<?>) value);
    }
    String name = value == null ? "" : value.toString().trim();
    for (EventKind kind : EventKind.values()) {
      if (kind.name().equals(name) || kind.recordClass().getName().equals(name)) {
        return kind;
      }
    }
    throw new ConfigException(KIND_CONFIG, value, "expected one of " + Arrays.toString(EventKind.values())
        + " or a generated record class name");
  }
}
