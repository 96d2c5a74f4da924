package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.Worker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dev gateway goes away for longer than the retries of one call last (5 tries, about 3 s) and comes back on the
 * same port: nothing fails. A job whose step was running when it went runs again as attempt 2; jobs sent during the
 * outage wait (the worker is not ready meanwhile) and run once it is back.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class GatewayOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(12);

  @Test
  void requestsWaitOutAGatewayOutageWithinTheirDeadlines(@BootstrapServers String bootstrap, S3Service s3)
      throws Exception {
    int port = freePort();
    try (World world = new World(bootstrap, s3, g -> g.port(port))) {
      Worker worker = world.start("outage-a");
      world.send(Requests.job("warm", step("hi", "echo", "warm")));
      assertThat(world.outputs().awaitResult("warm").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);

      world.send(Requests.job("running", step("nap", "sleep", "3"), step("done", "echo", "finished")));
      Waits.until("the running job starts its step", () -> world.outputs().lifecycleOf("running").stream()
          .anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED), () -> world.outputs().lifecycleOf("running"));

      Waits.result(world.gateway.stop());
      List<String> during = List.of("during-1", "during-2", "during-3");
      during.forEach(id -> world.send(Requests.job(id, step("hi", "echo", id))));
      Waits.until("the worker reports not ready while the gateway is down", () -> !worker.ready(), () -> "ready");
      Thread.sleep(OUTAGE.toMillis());
      assertThat(world.outputs().resultsOf("running")).as("no result while the gateway is down").isEmpty();
      Waits.result(world.gateway.start());

      SandboxResult running = world.outputs().awaitResult("running");
      assertThat(running.getStatus()).as(String.valueOf(running.getError())).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(running.getAttempt()).as("the interrupted job ran again").isEqualTo(2);
      for (String id : during) {
        SandboxResult r = world.outputs().awaitResult(id);
        assertThat(r.getStatus()).as(id + ": " + r.getError()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(r.getAttempt()).as(id).isEqualTo(1);
      }
      Waits.until("the worker is ready again", worker::ready, () -> "not ready");
      for (String id : List.of("warm", "running", "during-1", "during-2", "during-3")) {
        assertThat(world.producedResults(id)).as("results of " + id).isEqualTo(1);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
