package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class OffsetCommitIT {

  @Test
  void fastLaterRecordsAreNotCommittedPastASlowEarlierOne(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 2)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      for (String fast : new String[] {"fast-0", "fast-2", "fast-3", "fast-4", "other"}) {
        handler.gateOf(fast).complete(null);
      }
      RequestConsumer consumer = h.start("w1", handler, o -> o);

      h.send(0, "k0", Events.exec("fast-0", "k0"));
      Await.until("offset 1 is committed", () -> Long.valueOf(1).equals(h.committed().get(0)), h::committed);
      h.send(0, "k1", Events.exec("slow-1", "k1"));
      for (int i = 2; i <= 4; i++) {
        h.send(0, "k" + i, Events.exec("fast-" + i, "k" + i));
      }
      Await.until("the fast records completed", () -> consumer.metrics().completedCount() == 4);
      // Completed after the fast ones: once its commit is visible, a commit round has seen their completions.
      h.send(1, "other", Events.exec("other", "other"));
      Await.until("partition 1 is committed", () -> Long.valueOf(1).equals(h.committed().get(1)), h::committed);

      assertThat(h.committed().get(0)).as("stops before the slow offset 1").isEqualTo(1L);

      handler.gateOf("slow-1").complete(null);
      Await.until("everything is committed", () -> Long.valueOf(5).equals(h.committed().get(0)), h::committed);
    }
  }

  @Test
  void stoppingCommitsCompletedWorkAndLeavesTheRestForRedelivery(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      handler.gateOf("done-0").complete(null);
      RequestConsumer consumer = h.start("w1", handler, o -> o.withTiming(java.time.Duration.ofHours(1),
          java.time.Duration.ofSeconds(20)));
      h.send(0, "a", Events.exec("done-0", "a"));
      h.send(0, "b", Events.exec("stuck-1", "b"));
      Await.until("stuck-1 runs", () -> ledger.ids("start").contains("stuck-1"));
      Await.until("done-0 completed", () -> consumer.metrics().completedCount() == 1);

      Await.result(consumer.drain(java.time.Duration.ofMillis(200)));

      assertThat(h.committed().get(0)).isEqualTo(1L);
      assertThat(ledger.ids("abandon")).containsExactly("stuck-1");
    }
  }
}
