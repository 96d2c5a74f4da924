package dev.shellbus.events.serde;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.schema.AvroTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes one record kind in Avro single-object encoding with the current schema.
 *
 * <p>A null record encodes to null (a tombstone). A record the current schema cannot encode (a required field left
 * null, say) fails with a {@link SerializationException} naming the record. Build it with {@link
 * #EventSerializer(Class)}, or let Kafka instantiate it and set {@link EventSerdes#KIND_CONFIG}.
 *
 * @param <T> the generated record class
 */
public final class EventSerializer<T extends SpecificRecord> implements Serializer<T> {

  private EventKind kind;
  private BinaryMessageEncoder<T> encoder;

  /** Creates a serializer whose record kind comes from {@link #configure(Map, boolean)}. */
  public EventSerializer() {
    AvroTrust.install();
  }

  /** Creates a serializer for {@code type}, which must be one of the {@link EventKind} records. */
  public EventSerializer(Class<T> type) {
    this();
    init(EventSerdes.kindOf(type));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (kind == null) {
      init(EventSerdes.kindFrom(configs));
    }
  }

  private void init(EventKind kind) {
    this.kind = kind;
    this.encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(kind.recordClass()), kind.schema());
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : encode(data);
  }

  /** Encodes one record. */
  public byte[] encode(T data) {
    if (kind == null) {
      throw new IllegalStateException("record kind not configured; set " + EventSerdes.KIND_CONFIG);
    }
    if (!kind.recordClass().isInstance(data)) {
      throw new SerializationException("expected " + kind.recordName() + ", got " + data.getClass().getName());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(data, out);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + kind.recordName() + ": " + e, e);
    }
    return out.toByteArray();
  }
}
