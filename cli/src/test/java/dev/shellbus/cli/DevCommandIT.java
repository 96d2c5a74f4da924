package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shellbus dev} started from the distribution as a user starts it, in a process group of its own as a
 * terminal's foreground job: a second {@code dev} on its data directory is refused and leaves it alone, and Ctrl-C
 * (SIGINT to the whole group) drains a running step to SUCCEEDED instead of killing it.
 */
class DevCommandIT {

  private static final Duration START = Duration.ofSeconds(150);
  private static final Duration COMMAND = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void secondDevIsRefusedAndCtrlCDrainsTheRunningStep() throws Exception {
    Path data = dir.resolve("data");
    try (Launched dev = Launched.start(dir, Map.of(), "dev", "--data-dir", data.toString(), "--kafka-port", "0",
        "--s3-port", "0", "--gateway-port", "0", "--management-port", "0")) {
      dev.await(Pattern.compile("shellbus dev is up"), START);
      String kafka = dev.await(Pattern.compile("kafka\\s+(\\S+)"), Duration.ofSeconds(1));

      Launched.Run second = Launched.run(dir, Map.of(), COMMAND, "dev", "--data-dir", data.toString(),
          "--kafka-port", "0", "--s3-port", "0", "--gateway-port", "0", "--management-port", "0");
      assertThat(second.code()).as(second.describe()).isEqualTo(1);
      assertThat(second.err()).as(second.describe()).contains("another shellbus dev", data.toString());
      assertThat(second.out() + second.err()).as("refused before starting anything").doesNotContain("\tat ",
          "KRaft", "listening");
      assertThat(dev.isAlive()).isTrue();

      Launched.Run hello = Launched.run(dir, Map.of(), COMMAND, "submit",
          Launched.home().resolve("examples/hello.yaml").toString(), "--kafka", kafka, "--follow");
      assertThat(hello.code()).as("the first dev still works\n" + hello.describe()).isZero();

      Path job = dir.resolve("slow.yaml");
      Files.writeString(job, "body:\n  RunJob:\n    steps:\n      - name: slow\n"
          + "        argv: [sh, -c, \"sleep 4; echo finished after the interrupt\"]\n");
      Launched.Run submitted = Launched.run(dir, Map.of(), COMMAND, "submit", job.toString(), "--kafka", kafka);
      assertThat(submitted.code()).as(submitted.describe()).isZero();
      String id = submitted.out().strip();
      try (Launched follow = Launched.start(dir, Map.of(), "follow", id, "--kafka", kafka)) {
        follow.await(Pattern.compile("STEP_STARTED"), COMMAND);
        dev.signalGroup("INT");
        assertThat(follow.waitFor(COMMAND)).as("the step ran to its end\n" + follow.out() + follow.err()).isZero();
        assertThat(follow.out()).contains("result: SUCCEEDED", "finished after the interrupt");
      }
      assertThat(dev.waitFor(COMMAND)).as("dev exits 0 after draining\n" + dev.err()).isZero();
    }
  }
}
