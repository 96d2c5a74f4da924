package dev.shellbus.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WorkerMain} started the way a user starts it, as its own process: a configuration the user got wrong ends
 * it with status 2, a part that does not answer at start with status 1, each with one line on stderr that says what
 * and where, never a stack trace.
 */
class WorkerMainTest {

  @TempDir
  Path dir;

  @Test
  void aStartFailureWithoutAMessageStillSaysWhatFailed() {
    var timeout = new org.apache.kafka.common.errors.TimeoutException((String) null);
    assertThat(WorkerMain.describe(new java.util.concurrent.ExecutionException(timeout)))
        .isEqualTo("org.apache.kafka.common.errors.TimeoutException (no message)");
    assertThat(WorkerMain.describe(new RuntimeException(null, new IllegalStateException("topic check timed out"))))
        .isEqualTo("topic check timed out");
    assertThat(WorkerMain.describe(new IllegalStateException("Kafka at x:1 did not answer")))
        .isEqualTo("Kafka at x:1 did not answer");
  }

  @Test
  void aMissingConfigFileIsOneLineNamingTheFileAndExitsWith2() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    Run run = run("--config", missing.toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.stderrLines()).singleElement().asString()
        .isEqualTo("shellbus worker: invalid configuration: config file " + missing + " does not exist");
    assertThat(run.stdout + run.stderr).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void brokenYamlIsOneLineWithTheLineOfTheProblemAndExitsWith2() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, "kafka:\n  group-id: x\n bad: [\n");
    Run run = run("--config", file.toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.stderrLines()).singleElement().asString()
        .startsWith("shellbus worker: invalid configuration: config file " + file + " is not valid YAML at line 3,"
            + " column 2: expected <block end>");
    assertThat(run.stderr).containsOnlyOnce("expected <block end>").containsOnlyOnce("line 3");
    assertThat(run.stdout + run.stderr).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void kafkaThatDoesNotAnswerEndsTheStartWithOneLineAndExitsWith1() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run = run("--kafka.bootstrap-servers=127.0.0.1:" + port, "--worker.start-timeout=2s", "--management.port=0",
        "--log.format=text");
    assertThat(run.status).isEqualTo(1);
    assertThat(run.stderrLines()).singleElement().asString().isEqualTo("shellbus worker: failed to start: Kafka at"
        + " 127.0.0.1:" + port + " did not answer describeCluster within 2s (worker.start-timeout)");
    assertThat(run.stdout + run.stderr).doesNotContain("\tat ");
  }

  private record Run(int status, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().toList();
    }
  }

  private Run run(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), WorkerMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SHELLBUS_"));
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("WorkerMain did not exit within 2 minutes");
    }
    return new Run(process.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }
}
