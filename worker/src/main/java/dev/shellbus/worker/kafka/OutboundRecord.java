package dev.shellbus.worker.kafka;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * One record to publish: an encoded event with its topic, key and headers.
 *
 * <p>Build the headers with {@link EventHeaders#forEvent}, so that every event carries the CloudEvents attributes and
 * the request's {@code traceparent}. The partition is left to the producer's partitioner (by key).
 *
 * @param topic the destination topic
 * @param key the record key, e.g. the request's key for a result; may be null
 * @param value the encoded value (Avro single-object encoding)
 * @param headers the headers to send, in order
 */
public record OutboundRecord(String topic, String key, byte[] value, List<Header> headers) {

  /** Checks the fields and copies the header list. */
  public OutboundRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
    headers = List.copyOf(headers);
  }
}
