package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.validation.RequestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request in {@code examples/} converts and passes validation. */
class ExamplesTest {

  /** The examples folder at the repository root (tests run in the cli module's folder). */
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  static Stream<Path> examples() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(EXAMPLES)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void convertsAndValidates(Path file) throws IOException {
    SandboxRequest request = new RequestYaml(Clock.systemUTC()).read(file);
    assertThat(new RequestValidator(Clock.systemUTC()).validate(request)).as(file.toString()).isEmpty();
  }
}
