package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the {@code shellbus} command the way a user does: {@code bin/shellbus} of the distribution tarball that
 * {@code mvn package} built, unpacked once per test JVM in a temporary directory outside the source tree, started as
 * a separate process. Output goes to files, so a test can wait for a line without a reader thread.
 */
final class Launched implements AutoCloseable {

  private static Path home;

  private final Process process;
  private final Path out;
  private final Path err;

  private Launched(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Returns the unpacked distribution ({@code shellbus-<version>/}), unpacking it on first use. */
  static synchronized Path home() throws IOException, InterruptedException {
    if (home == null) {
      Path tarball;
      try (Stream<Path> files = Files.list(Path.of("target"))) {
        tarball = files.filter(f -> f.getFileName().toString().matches("shellbus-.*\\.tar\\.gz")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no target/shellbus-*.tar.gz: run mvn package first"));
      }
      Path into = Files.createTempDirectory("shellbus-dist-");
      Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", into.toString())
          .inheritIO().start();
      assertThat(tar.waitFor()).as("tar -x of " + tarball).isZero();
      try (Stream<Path> dirs = Files.list(into)) {
        home = dirs.findFirst().orElseThrow();
      }
    }
    return home;
  }

  /** Starts {@code bin/shellbus args...} in {@code dir} with extra {@code env}, in a process group of its own. */
  static Launched start(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    // A shell that started this JVM in the background may have left SIGINT ignored, and children inherit that; perl
    // restores the default, so that the Ctrl-C test sends what a terminal sends to a foreground job.
    List<String> argv = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec {$ARGV[0]} @ARGV or die",
        "setsid", "-w", home().resolve("bin/shellbus").toString()));
    argv.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out-", ".txt");
    Path err = Files.createTempFile(dir, "err-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
    builder.environment().putAll(env);
    return new Launched(builder.start(), out, err);
  }

  /** Runs {@code bin/shellbus args...} to its end (at most {@code limit}) and returns what it did. */
  static Run run(Path dir, Map<String, String> env, Duration limit, String... args)
      throws IOException, InterruptedException {
    try (Launched launched = start(dir, env, args)) {
      assertThat(launched.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
          .as("shellbus " + String.join(" ", args) + " ends within " + limit).isTrue();
      return new Run(launched.process.exitValue(), launched.out(), launched.err());
    }
  }

  /** What a finished command did. */
  record Run(int code, String out, String err) {

    /** Describes the run for assertion messages. */
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Waits until stdout or stderr has a line matching {@code pattern}; returns the first group (or the match). */
  String await(Pattern pattern, Duration limit) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      Optional<String> found = find(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        return find(pattern).orElseThrow(() -> new AssertionError("ended (exit " + process.exitValue() + ") before "
            + pattern + "\n--- stdout\n" + out() + "\n--- stderr\n" + err()));
      }
      Thread.sleep(100); // polling a file the child writes; there is nothing to subscribe to
    }
    throw new AssertionError("no " + pattern + " within " + limit + "\n--- stdout\n" + out() + "\n--- stderr\n"
        + err());
  }

  private Optional<String> find(Pattern pattern) {
    Matcher matcher = pattern.matcher(out() + "\n" + err());
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
  }

  /** Sends {@code signal} (e.g. {@code INT}) to the whole process group, as a terminal does on Ctrl-C. */
  void signalGroup(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -" + signal + " of the group").isZero();
  }

  /** Waits for the process to end and returns its exit code. */
  int waitFor(Duration limit) throws InterruptedException {
    assertThat(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)).as("ends within " + limit).isTrue();
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process and its group: SIGTERM, then SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        signalGroup("TERM");
      } catch (IOException | AssertionError gone) {
        process.destroy();
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
