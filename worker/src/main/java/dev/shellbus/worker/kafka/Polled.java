package dev.shellbus.worker.kafka;

import dev.shellbus.events.serde.EventDecodingException;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * One polled record, decoded on the poll thread: either a request or the reason it cannot be one.
 *
 * @param record the raw record
 * @param request the decoded request, null when it could not be decoded
 * @param failureReason why it could not be decoded ({@code EventDecodingException.Reason} name), else null
 * @param failureDetail the decoding error message, else null
 */
record Polled(ConsumerRecord<byte[], byte[]> record, SandboxRequest request, String failureReason,
    String failureDetail) {

  /** Decodes {@code record}; never throws for bad bytes (a null value is {@code NULL_VALUE}). */
  static Polled decode(ConsumerRecord<byte[], byte[]> record, EventDeserializer<SandboxRequest> deserializer) {
    try {
      return new Polled(record, deserializer.decode(record.value()), null, null);
    } catch (EventDecodingException e) {
      return new Polled(record, null, e.reason().name(), e.getMessage());
    }
  }

  TopicPartition partition() {
    return new TopicPartition(record.topic(), record.partition());
  }

  long offset() {
    return record.offset();
  }

  /** Returns the key as a UTF-8 string, or null. */
  String key() {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** Returns the serialized size this record holds in memory, roughly. */
  int size() {
    return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()) + 64;
  }

  boolean decoded() {
    return request != null;
  }

  boolean isCancel() {
    return request != null && request.getBody() instanceof Cancel;
  }

  /** Builds what the handler sees, for attempt {@code attempt} under {@code lease}. */
  InboundRequest toInbound(int attempt, Lease lease) {
    List<Header> headers = List.of(record.headers().toArray());
    Optional<String> traceparent = EventHeaders.traceparent(request, record.headers());
    return new InboundRequest(record.topic(), record.partition(), record.offset(), key(), headers, request,
        traceparent, attempt, lease);
  }
}
