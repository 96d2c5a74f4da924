package dev.shellbus.events.headers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Writes and reads CloudEvents attributes as Kafka headers in binary content mode.
 *
 * <p>Following the CloudEvents Kafka protocol binding, each attribute is a {@code ce_}-prefixed header with a UTF-8
 * string value, the data content type travels in {@code content-type}, and {@code time} is RFC 3339. Writing
 * replaces any earlier value of the same header, so a record never carries two {@code ce_id}s.
 */
public final class CloudEventHeaders {

  /** Header carrying the CloudEvents spec version. */
  public static final String SPECVERSION = "ce_specversion";
  /** Header carrying the event id. */
  public static final String ID = "ce_id";
  /** Header carrying the event source. */
  public static final String SOURCE = "ce_source";
  /** Header carrying the event type. */
  public static final String TYPE = "ce_type";
  /** Header carrying the event time (RFC 3339). */
  public static final String TIME = "ce_time";
  /** Header carrying the event subject. */
  public static final String SUBJECT = "ce_subject";
  /** Header carrying the data content type (binary mode maps {@code datacontenttype} here). */
  public static final String CONTENT_TYPE = "content-type";
  /** The only spec version written and accepted. */
  public static final String SPEC_VERSION = "1.0";

  private CloudEventHeaders() {}

  /** Sets the CloudEvents headers of {@code attributes} on {@code headers}, replacing earlier values. */
  public static void write(Headers headers, CloudEventAttributes attributes) {
    Utf8Headers.put(headers, SPECVERSION, SPEC_VERSION);
    Utf8Headers.put(headers, ID, attributes.id());
    Utf8Headers.put(headers, SOURCE, attributes.source());
    Utf8Headers.put(headers, TYPE, attributes.type());
    Utf8Headers.put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(attributes.time()));
    if (attributes.subject() == null) {
      headers.remove(SUBJECT);
    } else {
      Utf8Headers.put(headers, SUBJECT, attributes.subject());
    }
    Utf8Headers.put(headers, CONTENT_TYPE, attributes.contentType());
  }

  /**
   * Reads the CloudEvents attributes; empty when the record carries no {@code ce_specversion} (not a CloudEvent).
   *
   * @throws InvalidHeaderException when a CloudEvent header is present but malformed or a required one is missing
   */
  public static Optional<CloudEventAttributes> read(Headers headers) {
    Optional<String> version = Utf8Headers.last(headers, SPECVERSION);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    if (!SPEC_VERSION.equals(version.get())) {
      throw new InvalidHeaderException(SPECVERSION, "unsupported version '" + version.get() + "', expected 1.0");
    }
    return Optional.of(new CloudEventAttributes(
        required(headers, ID),
        required(headers, SOURCE),
        required(headers, TYPE),
        parseTime(required(headers, TIME)),
        Utf8Headers.last(headers, SUBJECT).orElse(null),
        Utf8Headers.last(headers, CONTENT_TYPE).orElse(null)));
  }

  /** Parses an RFC 3339 timestamp such as {@code 2025-01-31T12:00:00.123Z} or {@code ...+02:00}. */
  public static Instant parseTime(String value) {
    try {
      return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidHeaderException(TIME, "not an RFC 3339 timestamp: '" + value + "'");
    }
  }

  private static String required(Headers headers, String name) {
    return Utf8Headers.last(headers, name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> new InvalidHeaderException(name, "required CloudEvents header is missing or empty"));
  }
}
