package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.events.v1.WorkerStatus;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.config.ConfigKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SIGTERM path: drain finishes what it can, cancels the rest, leaves queued work to the next worker. */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class DrainIT {

  @Test
  void drainLosesNothing(@BootstrapServers String bootstrap, S3Service s3) {
    try (World world = new World(bootstrap, s3)) {
      Worker first = world.start("drain-a", b -> b.set(ConfigKeys.DRAIN_GRACE, Duration.ofSeconds(4)));
      world.send(Requests.job("short", step("nap", "sleep", "1")));
      world.sendRaw("lane", World.REQUESTS.encode(Requests.job("long", step("nap", "sleep", "60"))));
      world.sendRaw("lane", World.REQUESTS.encode(Requests.job("queued-1", step("hi", "echo", "1"))));
      world.sendRaw("lane", World.REQUESTS.encode(Requests.job("queued-2", step("hi", "echo", "2"))));
      Waits.until("both jobs run", () -> List.of("short", "long").stream().allMatch(id -> world.outputs()
          .lifecycleOf(id).stream().anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED)),
          () -> world.outputs().lifecycle().stream().map(e -> e.getRequestId() + ":" + e.getType()).toList());

      long began = System.nanoTime();
      var drained = first.drain();
      assertThat(first.ready()).as("ready while draining").isFalse();
      Waits.result(drained);
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      System.out.println("[shellbus figures] drain with a 4 s grace took " + took.toMillis() + " ms");

      assertThat(world.outputs().awaitResult("short").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      var cancelled = world.outputs().awaitResult("long");
      assertThat(cancelled.getStatus()).isEqualTo(ResultStatus.CANCELLED);
      assertThat(cancelled.getError().getMessage()).contains("shutting down");
      assertThat(world.outputs().resultsOf("queued-1")).as("queued work is left to the next worker").isEmpty();
      Waits.until("the last heartbeat says STOPPED", () -> world.outputs().heartbeats().stream()
          .filter(h -> h.getWorkerId().equals("drain-a")).reduce((a, b) -> b).map(WorkerHeartbeat::getStatus)
          .orElse(null) == WorkerStatus.STOPPED, () -> world.outputs().heartbeats());
      world.awaitNoSandboxes();

      world.start("drain-b");
      assertThat(world.outputs().awaitResult("queued-1").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(world.outputs().awaitResult("queued-2").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      for (String id : List.of("short", "long", "queued-1", "queued-2")) {
        assertThat(world.producedResults(id)).as("terminal results of " + id).isEqualTo(1);
      }
      world.awaitNoSandboxes();
    }
  }
}
