package dev.shellbus.loadtest.chaos;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.SandboxResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits after the faults until every acknowledged request has a result, or the settle timeout passes. */
final class Settle {

  private static final Logger LOG = LoggerFactory.getLogger(Settle.class);

  private Settle() {}

  /** Reads the results topic until it holds a result for every id {@code expected} returns, or {@code timeout}. */
  static int awaitResults(String bootstrap, String topic, Supplier<Set<String>> expected, Duration timeout) {
    EventDeserializer<SandboxResult> d = new EventDeserializer<>(SandboxResult.class);
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.CLIENT_ID_CONFIG,
        "shellbus-chaos-settle"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      long nextLog = 0;
      while (true) {
        c.poll(Duration.ofMillis(500)).forEach(r -> seen.add(d.deserialize(topic, r.value()).getRequestId()));
        Set<String> missing = new HashSet<>(expected.get());
        missing.removeAll(seen);
        if (missing.isEmpty()) {
          return 0;
        }
        if (System.nanoTime() > deadline) {
          LOG.warn("settle timeout: {} requests without a result", missing.size());
          return missing.size();
        }
        if (System.nanoTime() > nextLog) {
          LOG.info("settling: {} requests without a result yet", missing.size());
          nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        }
      }
    }
  }

  /** Polls {@code done} every second until it holds or {@code timeout} passes. */
  static boolean until(Duration timeout, java.util.concurrent.Callable<Boolean> done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (done.call()) {
          return true;
        }
      } catch (Exception e) {
        LOG.debug("settle check failed: {}", e.toString());
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1000);
    }
  }
}
