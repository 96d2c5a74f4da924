package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class RebalanceIT {

  private static final int REQUESTS = 60;

  @Test
  void aJoiningConsumerNeverRunsARequestTwiceAndRevokedWorkIsCommitted(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 4)) {
      Ledger ledger = new Ledger();
      // No periodic commits: what the joining worker does not redo was committed by the revocation itself.
      UnaryOperator<ConsumerOptions> onlyRevocationCommits = o -> o.withTiming(Duration.ofHours(1), o.revokeGrace());
      RequestConsumer a = h.start("worker-a", RecordingHandler.taking(40, "A", h.topics, ledger),
          onlyRevocationCommits);
      Await.until("worker-a owns all partitions", () -> a.metrics().assignment().size() == 4);
      for (int i = 0; i < REQUESTS; i++) {
        h.send(i % 4, "key-" + i, Events.exec("rb-" + i, "key-" + i));
      }
      Await.until("some requests completed", () -> a.metrics().completedCount() >= 8);

      RequestConsumer b = h.start("worker-b", RecordingHandler.taking(40, "B", h.topics, ledger),
          onlyRevocationCommits);
      Await.until("both own partitions", () -> !b.metrics().assignment().isEmpty()
          && a.metrics().assignment().size() < 4, () -> a.metrics().assignment() + " / " + b.metrics().assignment());
      for (int i = REQUESTS; i < REQUESTS * 2; i++) {
        h.send(i % 4, "key-" + i, Events.exec("rb-" + i, "key-" + i));
      }
      Await.until("every request completed", () -> new HashSet<>(ledger.ids("finish")).size() == REQUESTS * 2,
          () -> ledger.ids("finish").size());

      assertThat(ledger.maxSameId.get()).as("no request ran twice at once").isEqualTo(1);
      Set<String> seen = new HashSet<>();
      assertThat(ledger.ids("start")).as("each request ran once").allMatch(seen::add);
      assertThat(ledger.of("start")).extracting(e -> e.handler()).contains("A", "B");
      assertThat(ledger.of("abandon")).isEmpty();
      assertThat(a.metrics().republishedCount() + b.metrics().republishedCount())
          .as("revoked partitions were committed up to their completed work").isZero();

      Await.result(a.stop());
      Await.result(b.stop());
      assertThat(h.committed()).isEqualTo(h.endOffsets());
    }
  }

  @Test
  void aWorkerStoppingWhileTheGroupRebalancesStillCommitsItsCompletedWork(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 4)) {
      Ledger ledger = new Ledger();
      // Only the commits made on leaving the group.
      RequestConsumer worker = h.start("worker-a", RecordingHandler.immediate("A", h.topics, ledger),
          o -> o.withTiming(Duration.ofHours(1), o.revokeGrace()));
      Await.until("the worker owns all partitions", () -> worker.metrics().assignment().size() == 4);
      for (int i = 0; i < REQUESTS; i++) {
        h.send(i % 4, "key-" + i, Events.exec("st-" + i, "key-" + i));
      }
      Await.until("every request completed", () -> new HashSet<>(ledger.ids("finish")).size() == REQUESTS,
          () -> ledger.ids("finish").size());

      // A member joins and then stops polling: the group stays in PreparingRebalance, refusing every commit, until
      // the worker rejoins (the joiner's own JoinGroup is already in).
      try (KafkaConsumer<byte[], byte[]> joiner = h.stalledMember()) {
        Await.until("the group is rebalancing", () -> h.groupState() == GroupState.PREPARING_REBALANCE,
            h::groupState);
        Await.result(worker.stop());
      }
      assertThat(h.committed()).as("committed offsets after stopping mid-rebalance").isEqualTo(h.endOffsets());
    }
  }
}
