package dev.shellbus.worker.kafka;

import io.vertx.core.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * Publishes records through one idempotent producer; futures complete on the caller's Vert.x context.
 *
 * <p>A future succeeds once the broker has acknowledged the record with {@code acks=all}, and fails once the bounded
 * delivery timeout has passed without that. Records sent one after the other from the same context to the same
 * partition keep their order.
 */
public interface EventPublisher {

  /** Publishes {@code value} with a UTF-8 string key (null for none) and {@code headers}, partitioned by key. */
  Future<RecordMetadata> publish(String topic, String key, byte[] value, Iterable<Header> headers);

  /** Publishes a prepared record. */
  default Future<RecordMetadata> publish(OutboundRecord record) {
    return publish(record.topic(), record.key(), record.value(), record.headers());
  }

  /** Publishes a raw record, e.g. one with an explicit partition or binary key. */
  Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record);
}
