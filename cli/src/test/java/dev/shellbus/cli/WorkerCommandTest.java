package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shellbus worker --config FILE}, run as its own process the way the sample config tells a user to run it. */
class WorkerCommandTest {

  @TempDir
  Path dir;

  @Test
  void theWorkerCommandTakesItsConfigFlagAndNamesAMissingFile() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "worker", "--config", missing.toString()))
        .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SHELLBUS_"));
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8).lines().toList()).singleElement()
        .asString().isEqualTo("shellbus worker: invalid configuration: config file " + missing + " does not exist");
  }
}
