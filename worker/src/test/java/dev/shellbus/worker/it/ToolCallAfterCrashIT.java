package dev.shellbus.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.Worker;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session Exec interrupted by a crash runs again as attempt 2, but never beside the first one: attempt 2 first
 * kills the command attempt 1 recorded. The dev gateway runs here as the real one does in the two ways that matter: a
 * command outlives its client (the crashed worker), and the commands of one sandbox share a pid space (plain host
 * processes: under bubblewrap every exec has its own pid namespace, so no recorded pid could be reached).
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class ToolCallAfterCrashIT {

  private static final String COMMAND = "echo start >> runs; sleep 30; echo done >> runs";

  @Test
  void aRedeliveredSessionExecFirstEndsTheCommandOfTheCrashedAttempt(@BootstrapServers String bootstrap,
      S3Service s3) {
    try (World world = new World(bootstrap, s3, g -> g.exec(ExecOptions.builder().isolation(Isolation.NONE)
        .commandsOutliveClients(true).build()))) {
      Worker first = world.start("tc-a");
      world.send(Requests.open("open-1", "s1"));
      assertThat(world.outputs().awaitResult("open-1").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);

      world.send(Requests.exec("exec-1", "s1", "sh", "-c", COMMAND));
      Waits.until("attempt 1 started its command", () -> lines(world).contains("start"), () -> lines(world));
      String pidFile = "/tmp/.shellbus-exec-1-1-0.pid";
      long pid = Long.parseLong(world.execInSession("s1", "cat", pidFile).trim());
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("attempt 1's command").contains(true);

      world.crash(first);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("a crash leaves the command running")
          .contains(true);
      world.start("tc-b");

      Waits.until("attempt 2 started its step", () -> world.outputs().lifecycleOf("exec-1").stream()
          .anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED && e.getAttempt() == 2),
          () -> world.outputs().lifecycleOf("exec-1"));
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("attempt 1's command once attempt 2 runs")
          .isEqualTo(Optional.empty());

      SandboxResult result = world.outputs().awaitResult("exec-1");
      assertThat(result.getStatus()).as(String.valueOf(result.getError())).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(result.getAttempt()).isEqualTo(2);
      assertThat(result.getWorkerId()).isEqualTo("tc-b");
      assertThat(lines(world)).as("attempt 1 never finished; attempt 2 ran whole").containsExactly("start", "start",
          "done");
    }
  }

  private static List<String> lines(World world) {
    return world.execInSession("s1", "sh", "-c", "cat runs 2>/dev/null || true").lines().toList();
  }
}
