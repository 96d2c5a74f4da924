package dev.shellbus.loadtest.chaos.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic, every partition from its beginning to the end offsets of the moment the read began. */
final class TopicReader {

  private TopicReader() {}

  /** Hands every record of {@code topic} to {@code sink}; a missing topic has none. */
  static void readAll(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20, ConsumerConfig.CLIENT_ID_CONFIG, "shellbus-chaos-check"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return;
      }
      List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
          .collect(Collectors.toList());
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took more than 3 minutes");
        }
        c.poll(Duration.ofMillis(500)).forEach(r -> {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            sink.accept(r);
          }
        });
      }
    }
  }
}
