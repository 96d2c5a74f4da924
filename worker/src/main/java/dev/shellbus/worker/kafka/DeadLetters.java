package dev.shellbus.worker.kafka;

import dev.shellbus.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the original key and value bytes and headers, plus the {@code shellbus.dlq.*}
 * headers saying why and where from.
 */
final class DeadLetters {

  /** Longest {@code shellbus.dlq.detail} value, in bytes. */
  static final int MAX_DETAIL_BYTES = 1024;

  private DeadLetters() {}

  static ProducerRecord<byte[], byte[]> of(String dlqTopic, ConsumerRecord<byte[], byte[]> original, String reason,
      String detail) {
    Headers headers = new RecordHeaders();
    for (Header h : original.headers()) {
      headers.add(h);
    }
    put(headers, Topics.DLQ_REASON, reason);
    put(headers, Topics.DLQ_DETAIL, truncate(detail == null ? "" : detail));
    put(headers, Topics.DLQ_SOURCE_TOPIC, original.topic());
    put(headers, Topics.DLQ_SOURCE_PARTITION, Integer.toString(original.partition()));
    put(headers, Topics.DLQ_SOURCE_OFFSET, Long.toString(original.offset()));
    return new ProducerRecord<>(dlqTopic, null, original.key(), original.value(), headers);
  }

  /** Cuts {@code text} to at most {@link #MAX_DETAIL_BYTES} UTF-8 bytes without splitting a character. */
  static String truncate(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_DETAIL_BYTES) {
      return text;
    }
    int end = MAX_DETAIL_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
