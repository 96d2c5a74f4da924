package dev.shellbus.events.serde;

import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that could not be decoded into an event, with the {@link Reason} saying what was wrong.
 *
 * <p>It extends Kafka's {@link SerializationException}, so a consumer's poll surfaces it as a
 * {@code RecordDeserializationException} that names the partition and offset, and the worker can dead-letter the
 * record with {@link #reason()} in the {@code shellbus.dlq.reason} header instead of stalling the partition.
 */
public class EventDecodingException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** What was wrong with the bytes. */
  public enum Reason {
    /** The value had no bytes at all: zero bytes, not null. */
    EMPTY,
    /**
     * The value was null (a tombstone) where a record is required, as on the requests topic. {@link
     * EventDeserializer#deserialize} still answers null for one, for compacted topics where a tombstone means "gone".
     */
    NULL_VALUE,
    /** The bytes do not start with the single-object marker {@code C3 01}. */
    WRONG_MAGIC,
    /** The bytes end before the 10-byte header or the record body is complete. */
    TRUNCATED,
    /** The fingerprint names no stored version of the expected record. */
    UNKNOWN_FINGERPRINT,
    /** The body does not decode with the schema the fingerprint names, or has bytes left over. */
    CORRUPT_BODY
  }

  private final Reason reason;
  private final Long fingerprint;

  /** Creates the exception; {@code fingerprint} is null when the header was not read. */
  public EventDecodingException(Reason reason, String message, Long fingerprint, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
    this.fingerprint = fingerprint;
  }

  /** Returns what was wrong. */
  public Reason reason() {
    return reason;
  }

  /** Returns the writer-schema fingerprint from the header, when the header was complete. */
  public OptionalLong fingerprint() {
    return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
  }
}
