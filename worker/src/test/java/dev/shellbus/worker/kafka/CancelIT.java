package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class CancelIT {

  @Test
  void cancelBypassesABusyKeysQueue(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = RecordingHandler.gated("w1", h.topics, ledger);
      handler.gateOf("next").complete(null);
      h.start("w1", handler, o -> o);
      h.send(0, "session", Events.exec("long", "session"));
      h.send(0, "session", Events.exec("next", "session"));
      Await.until("long runs", () -> ledger.ids("start").contains("long"));

      h.send(0, "session", Events.cancel("stop-long", "long"));

      var results = h.read(h.topics.results(), 3);
      assertThat(ledger.events).extracting(e -> e.type() + ":" + e.requestId())
          .containsExactly("start:long", "cancel:stop-long", "finish:long", "start:next", "finish:next");
      assertThat(results).extracting(r -> Events.decodeResult(r.value()))
          .filteredOn(r -> r.getRequestId().equals("long"))
          .singleElement().extracting(r -> r.getStatus()).isEqualTo(ResultStatus.CANCELLED);
    }
  }
}
