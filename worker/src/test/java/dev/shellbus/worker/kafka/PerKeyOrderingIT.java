package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.worker.kafka.RecordingHandler.Event;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class PerKeyOrderingIT {

  private static final int KEYS = 4;
  private static final int PER_WAVE = 3;

  @Test
  void sameKeyRequestsRunStrictlyInOrderEvenWhenLaterOnesArriveWhileEarlierOnesRun(
      @BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 3)) {
      Ledger ledger = new Ledger();
      h.start("w1", RecordingHandler.taking(30, "w1", h.topics, ledger), o -> o);

      sendWave(h, 0);
      Await.until("the first requests run", () -> !ledger.of("start").isEmpty());
      sendWave(h, 1);
      h.read(h.topics.results(), KEYS * PER_WAVE * 2);

      List<Event> events = ledger.events;
      for (int k = 0; k < KEYS; k++) {
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < PER_WAVE * 2; i++) {
          expected.add(id(k, i));
        }
        String prefix = "s" + k + "-";
        assertThat(ledger.ids("start")).filteredOn(id -> id.startsWith(prefix)).containsExactlyElementsOf(expected);
        for (int i = 1; i < expected.size(); i++) {
          int previousFinish = indexOf(events, "finish", expected.get(i - 1));
          int nextStart = indexOf(events, "start", expected.get(i));
          assertThat(nextStart).as("%s starts after %s finished", expected.get(i), expected.get(i - 1))
              .isGreaterThan(previousFinish);
        }
      }
      assertThat(ledger.maxRunning.get()).as("different keys overlap").isGreaterThan(1);
      assertThat(events).allMatch(Event::onContext);
    }
  }

  @Test
  void differentKeysRunConcurrentlyUpToTheLimit(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 2)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      RequestConsumer consumer = h.start("w1", handler, o -> o.withLimits(3, ConsumerOptions.DEFAULT_MAX_QUEUED_BYTES));
      for (int i = 0; i < 8; i++) {
        h.send(null, "key-" + i, Events.exec("c-" + i, "key-" + i));
      }

      // The rest wait in a queue or, once the limit pauses the partitions, unfetched on the broker.
      Await.until("three requests run", () -> ledger.running.get() == 3 && consumer.metrics().inFlight() == 3,
          () -> consumer.metrics().inFlight() + " in flight");
      assertThat(ledger.of("start")).hasSize(3);

      for (int i = 0; i < 8; i++) {
        handler.gateOf("c-" + i).complete(null);
      }
      Await.until("all finished", () -> ledger.of("finish").size() == 8);
      assertThat(ledger.maxRunning.get()).isEqualTo(3);
      h.read(h.topics.results(), 8);
    }
  }

  @Test
  void handlerAnswersCompletedOnAnotherThreadAreBroughtBackToTheConsumersContext(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 2)) {
      RequestHandler offContext = new RequestHandler() {
        @Override
        public Future<Completion> handle(InboundRequest in) {
          return Future.fromCompletionStage(CompletableFuture.supplyAsync(
              () -> Events.completion(in, h.topics, ResultStatus.SUCCEEDED)));
        }

        @Override
        public Future<Completion> cancel(InboundRequest in) {
          return handle(in);
        }
      };
      RequestConsumer consumer = h.start("w1", offContext, o -> o);
      for (int i = 0; i < 40; i++) {
        h.send(null, "session-" + (i % 4), Events.exec("off-" + i, "session-" + (i % 4)));
      }
      h.read(h.topics.results(), 40);
      Await.until("all committed", () -> h.committed().values().stream().mapToLong(Long::longValue).sum() == 40,
          h::committed);
      assertThat(consumer.metrics().completedCount()).isEqualTo(40);
    }
  }

  private static void sendWave(KafkaHarness h, int wave) {
    for (int i = wave * PER_WAVE; i < (wave + 1) * PER_WAVE; i++) {
      for (int k = 0; k < KEYS; k++) {
        h.send(null, "session-" + k, Events.exec(id(k, i), "session-" + k));
      }
    }
  }

  private static String id(int key, int index) {
    return "s" + key + "-" + index;
  }

  private static int indexOf(List<Event> events, String type, String requestId) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).type().equals(type) && events.get(i).requestId().equals(requestId)) {
        return i;
      }
    }
    throw new AssertionError(type + " of " + requestId + " not seen");
  }
}
