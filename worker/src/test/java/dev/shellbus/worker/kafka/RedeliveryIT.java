package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class RedeliveryIT {

  @Test
  void redeliveredRequestIsNotRunTwiceAndAnInterruptedOneRunsAsTheNextAttempt(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledgerA = new Ledger();
      RecordingHandler a = RecordingHandler.gated("A", h.topics, ledgerA);
      a.gateOf("r1").complete(null);
      RequestConsumer first = h.start("worker-a", a, o -> o.withTiming(Duration.ofHours(1), Duration.ofSeconds(20)));
      h.send(0, "session-1", Events.exec("r1", "session-1"));
      h.send(0, "session-2", Events.exec("r2", "session-2"));
      Await.until("r1 completed and r2 runs", () -> first.metrics().completedCount() == 1
          && ledgerA.ids("start").contains("r2"));

      Await.result(first.abort());
      assertThat(h.committed()).as("a crash commits nothing").isEmpty();

      Ledger ledgerB = new Ledger();
      RequestConsumer second = h.start("worker-b", RecordingHandler.immediate("B", h.topics, ledgerB), o -> o);
      List<ConsumerRecord<byte[], byte[]>> results = h.read(h.topics.results(), 3);

      assertThat(ledgerB.ids("start")).containsExactly("r2");
      assertThat(ledgerB.of("start").get(0).attempt()).isEqualTo(2);
      assertThat(second.metrics().republishedCount()).isEqualTo(1);

      List<SandboxResult> decoded = results.stream().map(r -> Events.decodeResult(r.value())).toList();
      assertThat(decoded).extracting(r -> r.getRequestId() + "#" + r.getAttempt())
          .containsExactlyInAnyOrder("r1#1", "r1#1", "r2#2");
      List<ConsumerRecord<byte[], byte[]>> r1 = results.stream()
          .filter(r -> Events.decodeResult(r.value()).getRequestId().equals("r1")).toList();
      assertThat(r1).extracting(r -> KafkaHarness.header(r, RequestPipeline.REPUBLISHED_HEADER))
          .containsExactly(null, "true");
      assertThat(KafkaHarness.header(r1.get(1), "ce_id")).isEqualTo(KafkaHarness.header(r1.get(0), "ce_id"));
      assertThat(results).allMatch(r -> Events.TRACEPARENT.equals(KafkaHarness.header(r, "traceparent")));
      assertThat(h.read(h.topics.lifecycle(), 3)).hasSize(3);
      Await.until("both offsets committed", () -> Long.valueOf(2).equals(h.committed().get(0)), h::committed);
    }
  }

  /**
   * With {@code maxRetainedStates} 2, the next owner keeps only the newest states of committed requests: a request id
   * sent again whose state was dropped runs again (attempt 1), one whose state was kept is answered from it.
   */
  @Test
  void theNextOwnerKeepsOnlyTheNewestCommittedStatesWithinTheBound(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledgerA = new Ledger();
      RequestConsumer first = h.start("worker-a", RecordingHandler.immediate("A", h.topics, ledgerA),
          o -> o.withMaxRetainedStates(2).withTiming(Duration.ofMillis(50), Duration.ofSeconds(5)));
      for (int i = 1; i <= 5; i++) {
        h.send(0, "key-" + i, Events.exec("q" + i, "key-" + i));
      }
      Await.until("five completed and committed", () -> first.metrics().completedCount() == 5
          && Long.valueOf(5).equals(h.committed().get(0)), h::committed);
      Await.result(first.stop());

      Ledger ledgerB = new Ledger();
      RequestConsumer second = h.start("worker-b", RecordingHandler.immediate("B", h.topics, ledgerB),
          o -> o.withMaxRetainedStates(2));
      h.send(0, "key-1", Events.exec("q1", "key-1"));
      h.send(0, "key-5", Events.exec("q5", "key-5"));
      Await.until("both answered", () -> second.metrics().completedCount() + second.metrics().republishedCount() == 2);

      assertThat(ledgerB.ids("start")).as("q1's state was dropped, so it ran again").containsExactly("q1");
      assertThat(ledgerB.of("start").get(0).attempt()).isEqualTo(1);
      assertThat(second.metrics().republishedCount()).as("q5's state was kept").isEqualTo(1);
    }
  }
}
