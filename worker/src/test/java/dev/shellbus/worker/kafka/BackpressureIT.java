package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class BackpressureIT {

  @Test
  void partitionsPauseAtTheInFlightLimitAndResumeWhenWorkDrains(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 2)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      RequestConsumer consumer = h.start("w1", handler, o -> o.withLimits(2, ConsumerOptions.DEFAULT_MAX_QUEUED_BYTES));
      Await.until("both partitions assigned", () -> consumer.metrics().assignment().size() == 2);
      for (int i = 0; i < 6; i++) {
        h.send(i % 2, "key-" + i, Events.exec("bp-" + i, "key-" + i));
      }

      Await.until("all assigned partitions are paused", () -> ledger.running.get() == 2
          && consumer.metrics().pausedPartitions().equals(consumer.metrics().assignment()),
          () -> consumer.metrics().pausedPartitions());
      assertThat(consumer.metrics().inFlight()).isEqualTo(2);

      for (int i = 0; i < 6; i++) {
        handler.gateOf("bp-" + i).complete(null);
      }
      Await.until("all six completed", () -> consumer.metrics().completedCount() == 6);
      Await.until("partitions resumed", () -> consumer.metrics().pausedPartitions().isEmpty(),
          () -> consumer.metrics().pausedPartitions());
      assertThat(ledger.maxRunning.get()).isEqualTo(2);
    }
  }

  @Test
  void partitionsPauseWhenHeldBytesReachTheLimit(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      RequestConsumer consumer = h.start("w1", handler, o -> o.withLimits(100, 1));
      h.send(0, "k", Events.exec("bytes-0", "k"));

      Await.until("paused on bytes", () -> !consumer.metrics().pausedPartitions().isEmpty());
      assertThat(consumer.metrics().queuedBytes()).isPositive();

      handler.gateOf("bytes-0").complete(null);
      Await.until("resumed", () -> consumer.metrics().pausedPartitions().isEmpty());
      assertThat(consumer.metrics().queuedBytes()).isZero();
    }
  }
}
