package dev.shellbus.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.metrics.WorkerMeters;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker whose group membership lapsed while a request's handler was held cannot exec in the session sandbox the
 * partition's new owner uses: the fence refuses the exec, the attempt says so, and the command runs once.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class FencingIT {

  /** A client that does not poll for 4 s leaves the group (its heartbeat thread sends the LeaveGroup). */
  private static final UnaryOperator<WorkerConfig.Builder> QUICK_TO_LEAVE = b -> b.set("kafka.properties",
      Map.of("session.timeout.ms", "10000", "heartbeat.interval.ms", "500", "max.poll.interval.ms", "4000"));

  @Test
  void aWorkerThatLostItsPartitionWhileItsHandlerWasHeldCannotExecInTheSessionSandbox(
      @BootstrapServers String bootstrap, S3Service s3) {
    try (World world = new World(bootstrap, s3)) {
      Worker first = world.start("fence-a", QUICK_TO_LEAVE);
      world.send(Requests.open("open-1", "s1"));
      assertThat(world.outputs().awaitResult("open-1").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);

      // The first call holds the session; the second, keyed apart so the worker hands it over at once, waits for it
      // in the engine's session queue: its handler is held before its exec.
      world.send(Requests.exec("hold", "s1", "sleep", "12"));
      world.sendRaw("append-key", World.REQUESTS.encode(Requests.exec("append", "s1", "sh", "-c",
          "echo line >> /sandbox/runs")));
      Waits.until("the first call runs and the second was accepted", () -> started(world, "hold", 1)
          && world.outputs().lifecycleOf("append").stream().anyMatch(e -> e.getType() == LifecycleType.ACCEPTED),
          () -> world.outputs().lifecycle().stream().map(e -> e.getRequestId() + ":" + e.getType()).toList());

      first.stallPolling(Duration.ofSeconds(30));
      world.start("fence-b", QUICK_TO_LEAVE);

      SandboxResult result = world.outputs().awaitResult("append");
      assertThat(result.getStatus()).as(String.valueOf(result.getError())).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(result.getAttempt()).isEqualTo(2);
      assertThat(result.getWorkerId()).isEqualTo("fence-b");
      Waits.until("the held attempt on the first worker was fenced",
          () -> first.registry().counter(WorkerMeters.FENCED.name()).count() >= 1,
          () -> first.registry().counter(WorkerMeters.FENCED.name()).count());

      assertThat(world.execInSession("s1", "cat", "/sandbox/runs").lines().toList()).as("the command ran once")
          .containsExactly("line");
      assertThat(world.producedResults("append")).as("only the new owner's result").isEqualTo(1);
      assertThat(world.outputs().lifecycleOf("append").stream().filter(e -> e.getAttempt() == 1)
          .filter(e -> e.getType() == LifecycleType.STEP_FINISHED).count()).as("no step of the fenced attempt")
          .isZero();
    }
  }

  private static boolean started(World world, String id, int attempt) {
    return world.outputs().lifecycleOf(id).stream()
        .anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED && e.getAttempt() == attempt);
  }
}
