package dev.shellbus.loadtest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka baseline of the round trip: on the same broker and topic, with the worker's producer settings
 * ({@code acks=all}, idempotent, {@code linger.ms=0}), how long one acknowledged write takes and how long a record
 * takes from {@code send} to a consumer's {@code poll}, one after the other. A tool call's path holds two such hops
 * (request in, result out) and three acknowledged writes in the worker (IN_FLIGHT, DONE, result), so these figures
 * say how much of "beyond the exec" is Kafka itself.
 */
final class KafkaHop {

  /** Acknowledged-write and send-to-poll latencies, microseconds. */
  record Latencies(Histogram acked, Histogram endToEnd) {}

  private KafkaHop() {}

  /** Creates {@code topic} (one partition), measures {@code count} hops after {@code warmup}, deletes the topic. */
  static Latencies measure(String bootstrap, String topic, int warmup, int count) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      try {
        return hops(bootstrap, topic, warmup, count);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka baseline topic " + topic + ": " + e, e);
    }
  }

  private static Latencies hops(String bootstrap, String topic, int warmup, int count) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Histogram acked = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    Histogram endToEnd = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
            new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToEnd(List.of(tp));
      consumer.position(tp);
      byte[] value = new byte[512];
      for (int i = 0; i < warmup + count; i++) {
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, 0, null, value)).get(30, TimeUnit.SECONDS);
        long ack = System.nanoTime();
        while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
          if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("a record sent to " + topic + " was not read back in 30 s");
          }
        }
        long read = System.nanoTime();
        if (i >= warmup) {
          acked.recordValue(Math.max(1, (ack - start) / 1000));
          endToEnd.recordValue(Math.max(1, (read - start) / 1000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka baseline on " + topic + " failed: " + e, e);
    }
    return new Latencies(acked, endToEnd);
  }
}
