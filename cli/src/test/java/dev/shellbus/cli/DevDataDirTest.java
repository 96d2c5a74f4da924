package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevDataDirTest {

  @Test
  void defaultIsTheXdgStateDirectoryNeverTheWorkingDirectory() {
    assertThat(DevDataDir.defaultFor(Map.of("XDG_STATE_HOME", "/var/state"), Path.of("/home/dev")))
        .isEqualTo(Path.of("/var/state/shellbus/dev"));
    assertThat(DevDataDir.defaultFor(Map.of(), Path.of("/home/dev")))
        .isEqualTo(Path.of("/home/dev/.local/state/shellbus/dev"));
    assertThat(DevDataDir.defaultFor(Map.of("XDG_STATE_HOME", "relative/state"), Path.of("/home/dev")))
        .as("a relative XDG_STATE_HOME is ignored, as the specification says")
        .isEqualTo(Path.of("/home/dev/.local/state/shellbus/dev"));
  }

  @Test
  void withoutDataDirTheCommandUsesTheDefault() {
    DevCommand command = new DevCommand();
    new picocli.CommandLine(command).parseArgs();
    assertThat(command.dataDirectory()).isEqualTo(DevDataDir.defaultDir());
    new picocli.CommandLine(command).parseArgs("--data-dir", "here");
    assertThat(command.dataDirectory()).isEqualTo(Path.of("here").toAbsolutePath());
  }
}
