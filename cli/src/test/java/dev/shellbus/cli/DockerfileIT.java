package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/Dockerfile} builds from what its header's build command produced ({@code mvn package} has run when
 * failsafe runs this): every {@code COPY} and {@code ADD} source exists, and the entry point is the distribution's
 * launcher. No Docker engine runs here, so the image itself is not built.
 */
class DockerfileIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SOURCES = Pattern.compile("^(?:COPY|ADD)\\s+(?:--\\S+\\s+)*(.+)\\s+\\S+$",
      Pattern.MULTILINE);

  @Test
  void everyCopySourceExistsAfterTheDocumentedBuild() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
    assertThat(dockerfile).as("the header names the build command").contains("mvn -B -DskipTests package -pl cli -am");
    Matcher matcher = SOURCES.matcher(dockerfile);
    List<String> sources = new ArrayList<>();
    while (matcher.find()) {
      for (String source : matcher.group(1).trim().split("\\s+")) {
        sources.add(source);
        assertThat(exists(source)).as(source + " exists after the build").isTrue();
      }
    }
    assertThat(sources).as("the Dockerfile copies something").isNotEmpty();
  }

  @Test
  void entryPointIsTheDistributionsLauncher() throws Exception {
    String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"/opt/shellbus/bin/shellbus\", \"worker\"]");
    Path launcher = Launched.home().resolve("bin/shellbus");
    assertThat(Files.isExecutable(launcher)).as(launcher + " is executable").isTrue();
  }

  /** Returns whether {@code source} (a path, or a glob in its last part) names something under the root. */
  private static boolean exists(String source) throws IOException {
    Path path = ROOT.resolve(source.replaceAll("/$", "")).normalize();
    if (!source.contains("*")) {
      return Files.exists(path);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
    if (!Files.isDirectory(path.getParent())) {
      return false;
    }
    try (Stream<Path> files = Files.list(path.getParent())) {
      return files.anyMatch(matcher::matches);
    }
  }
}
