package dev.shellbus.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A group-less consumer of raw records: assigned to every partition of some topics and positioned at their start or
 * end before anything else happens, so a caller that publishes afterwards misses nothing. Values are decoded by the
 * caller, so a record that does not decode never stops the consumer.
 */
public final class EventConsumer implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<TopicPartition, Long> endAtStart;

  /** Connects to {@code bootstrapServers}, assigns all partitions of {@code topics} and seeks to start or end. */
  public EventConsumer(String bootstrapServers, List<String> topics, boolean fromBeginning, Duration wait) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "shellbus-cli-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, wait.toMillis()));
    consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, wait);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers
              + " (is `shellbus dev` running?)");
        }
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      partitions.forEach(p -> consumer.position(p, wait)); // resolve the lazy seek now, not at the first poll
      endAtStart = Map.copyOf(consumer.endOffsets(partitions, wait));
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /**
   * Returns whether every partition has been read up to the end it had when this consumer started: what was in the
   * topics then has been polled. Call it from the polling thread.
   */
  public boolean reachedStartEnd() {
    for (Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the Kafka consumer, for polling and {@code wakeup()}. */
  public KafkaConsumer<String, byte[]> consumer() {
    return consumer;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
  }
}
