package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker dies mid-job without draining; a second worker of the same group takes over. */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class CrashIT {

  @Test
  void aSecondWorkerFinishesWhatACrashedOneLeftWithoutRunningCompletedWorkTwice(@BootstrapServers String bootstrap,
      S3Service s3) {
    try (World world = new World(bootstrap, s3)) {
      Worker first = world.start("crash-a");
      List<String> quick = List.of("quick-1", "quick-2");
      quick.forEach(id -> world.send(Requests.job(id, step("hi", "echo", id))));
      quick.forEach(id -> world.outputs().awaitResult(id));
      List<String> slow = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        slow.add("slow-" + i);
        world.send(Requests.job("slow-" + i, step("nap", "sleep", "4"), step("done", "echo", "finished")));
      }
      Waits.until("every slow job runs its first step", () -> slow.stream().allMatch(id -> world.outputs()
          .lifecycleOf(id).stream().anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED)),
          () -> world.outputs().lifecycle().stream().map(e -> e.getRequestId() + ":" + e.getType()).toList());
      assertThat(world.managedSandboxes()).hasSizeGreaterThanOrEqualTo(3);

      world.crash(first);
      world.start("crash-b");

      for (String id : slow) {
        SandboxResult r = world.outputs().awaitResult(id);
        assertThat(r.getStatus()).as(id + ": " + r.getError()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(r.getAttempt()).isEqualTo(2);
        assertThat(r.getWorkerId()).isEqualTo("crash-b");
      }
      for (String id : quick) {
        long accepted = world.outputs().lifecycleOf(id).stream()
            .filter(e -> e.getType() == LifecycleType.ACCEPTED).count();
        assertThat(accepted).as("runs of completed request " + id).isEqualTo(1);
      }
      for (String id : concat(quick, slow)) {
        assertThat(world.producedResults(id)).as("terminal results of " + id).isEqualTo(1);
      }
      assertThat(world.outputs().lifecycleOf("slow-0")).extracting(LifecycleEvent::getAttempt).contains(1, 2);
      world.awaitNoSandboxes();
      for (String id : slow) {
        Waits.until("every sandbox of " + id + " has its SANDBOX_DELETED", () -> sandboxesWithoutDeletion(world, id)
            .isEmpty(), () -> sandboxesWithoutDeletion(world, id));
        assertThat(world.outputs().lifecycleOf(id)).filteredOn(e -> e.getType() == LifecycleType.SANDBOX_DELETED
            && e.getAttempt() == 1).singleElement().satisfies(e -> {
              assertThat(e.getWorkerId()).isEqualTo("crash-b");
              assertThat(e.getReason()).startsWith("INTERRUPTED: removed by attempt 2");
            });
      }
    }
  }

  /** Sandbox names seen in SANDBOX_CREATING of {@code id} with no SANDBOX_DELETED or REAPED of the same name. */
  private static List<String> sandboxesWithoutDeletion(World world, String id) {
    List<LifecycleEvent> events = world.outputs().lifecycleOf(id);
    return events.stream().filter(e -> e.getType() == LifecycleType.SANDBOX_CREATING && e.getSandboxName() != null)
        .map(LifecycleEvent::getSandboxName).distinct()
        .filter(name -> events.stream().noneMatch(e -> name.equals(e.getSandboxName())
            && (e.getType() == LifecycleType.SANDBOX_DELETED || e.getType() == LifecycleType.REAPED)))
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
