package dev.shellbus.events.serde;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.schema.AvroTrust;
import dev.shellbus.events.schema.SchemaVersions;
import dev.shellbus.events.serde.EventDecodingException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes single-object-encoded bytes written with any stored version of one record into the current generated class.
 *
 * <p>{@link #deserialize} decodes a null value (a tombstone) to null, for compacted topics where it means "gone";
 * {@link #decode} refuses it ({@link Reason#NULL_VALUE}), for topics where a record is required. Anything else that is
 * not a complete, well-formed record of the expected kind throws {@link EventDecodingException} with its reason; no
 * other exception escapes. Input that runs out before the record is complete is {@link Reason#TRUNCATED}, whether
 * the bytes simply end or a length or count claims more than is there; other malformed input is {@link
 * Reason#CORRUPT_BODY}. Build it with
 * {@link #EventDeserializer(Class)}, or let Kafka instantiate it and set {@link EventSerdes#KIND_CONFIG}.
 *
 * @param <T> the generated record class
 */
public final class EventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Map<Long, PlainListDatumReader<T>> readers = new ConcurrentHashMap<>();
  private EventKind kind;
  private SpecificData model;
  private SchemaStore store;

  /** Creates a deserializer whose record kind comes from {@link #configure(Map, boolean)}. */
  public EventDeserializer() {
    AvroTrust.install();
  }

  /** Creates a deserializer for {@code type}, which must be one of the {@link EventKind} records. */
  public EventDeserializer(Class<T> type) {
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
    this.model = PlainListDatumReader.modelFor(kind.recordClass());
    this.store = SchemaVersions.get().store(kind);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : decode(data);
  }

  /** Decodes one value, null included; see the class comment for what it throws. */
  public T decode(byte[] data) {
    if (kind == null) {
      throw new IllegalStateException("record kind not configured; set " + EventSerdes.KIND_CONFIG);
    }
    String record = kind.recordName();
    if (data == null) {
      throw new EventDecodingException(Reason.NULL_VALUE, record + ": null value (a tombstone) where a record is"
          + " required", null, null);
    }
    long fp = SingleObjectHeader.fingerprint(data, record);
    PlainListDatumReader<T> reader = readers.computeIfAbsent(fp, this::readerFor);
    if (reader == null) {
      throw new EventDecodingException(Reason.UNKNOWN_FINGERPRINT, record + ": fingerprint "
          + SingleObjectHeader.hex(fp) + " " + describe(fp), fp, null);
    }
    BinaryDecoder in = DecoderFactory.get()
        .binaryDecoder(data, SingleObjectHeader.LENGTH, data.length - SingleObjectHeader.LENGTH, null);
    T value;
    try {
      value = reader.read(null, in);
    } catch (EOFException | UnsupportedOperationException e) {
      // Avro refuses a length or count beyond the largest Java array with UnsupportedOperationException: more than
      // any byte array holds, so it runs past the end of this one. A negative length is malformed, not short.
      throw new EventDecodingException(Reason.TRUNCATED, record + ": body ends early (" + data.length
          + " bytes in all): " + e.getMessage(), fp, e);
    } catch (IOException | RuntimeException e) {
      throw new EventDecodingException(Reason.CORRUPT_BODY, record + ": body does not decode with schema "
          + SingleObjectHeader.hex(fp) + ": " + e, fp, e);
    }
    if (!isEnd(in)) {
      throw new EventDecodingException(Reason.CORRUPT_BODY, record + ": bytes left over after the record", fp, null);
    }
    return value;
  }

  private PlainListDatumReader<T> readerFor(long fingerprint) {
    Schema writer = store.findByFingerprint(fingerprint);
    return writer == null ? null : new PlainListDatumReader<>(writer, kind.schema(), model);
  }

  private String describe(long fingerprint) {
    return SchemaVersions.get().find(fingerprint)
        .map(s -> "belongs to " + s.label() + ", not to " + kind.recordName())
        .orElse("is no stored version of " + kind.recordName() + " (written by a newer, unreleased schema?)");
  }

  private static boolean isEnd(BinaryDecoder in) {
    try {
      return in.isEnd();
    } catch (IOException e) {
      return false;
    }
  }
}
