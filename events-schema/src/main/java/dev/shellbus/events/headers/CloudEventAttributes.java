package dev.shellbus.events.headers;

import dev.shellbus.events.EventKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The CloudEvents 1.0 context attributes shellbus sets on every record.
 *
 * @param id unique event id (a UUID; for lifecycle and audit events the record's own event id)
 * @param source URI-reference of the producer, e.g. {@code /shellbus/workers/<worker id>}
 * @param type the event type, e.g. {@code dev.shellbus.result.v1} ({@link EventKind#cloudEventType()})
 * @param time when the event happened, kept to milliseconds like the Avro timestamps
 * @param subject what the event is about (request id, or worker id for heartbeats); may be null
 * @param contentType the data content type, {@code application/avro} for shellbus records
 */
public record CloudEventAttributes(
    String id, String source, String type, Instant time, String subject, String contentType) {

  /** The content type of single-object-encoded Avro values. */
  public static final String AVRO = "application/avro";

  /** Validates the required attributes and truncates {@code time} to milliseconds. */
  public CloudEventAttributes {
    id = required(id, CloudEventHeaders.ID);
    source = required(source, CloudEventHeaders.SOURCE);
    type = required(type, CloudEventHeaders.TYPE);
    time = Objects.requireNonNull(time, CloudEventHeaders.TIME).truncatedTo(ChronoUnit.MILLIS);
    contentType = contentType == null || contentType.isBlank() ? AVRO : contentType;
  }

  /** Attributes for a shellbus record of {@code kind}, with content type {@code application/avro}. */
  public static CloudEventAttributes of(EventKind kind, String id, String source, Instant time, String subject) {
    return new CloudEventAttributes(id, source, kind.cloudEventType(), time, subject, AVRO);
  }

  /** Returns the conventional {@code ce_source} of a worker: {@code /shellbus/workers/<worker id>}. */
  public static String workerSource(String workerId) {
    return "/shellbus/workers/" + required(workerId, "workerId");
  }

  private static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new InvalidHeaderException(name, "required and must not be empty");
    }
    return value;
  }
}
