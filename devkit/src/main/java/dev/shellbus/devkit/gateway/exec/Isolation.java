package dev.shellbus.devkit.gateway.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the dev gateway runs exec commands.
 *
 * <p>{@link #BUBBLEWRAP} is the default and the only mode with sandbox semantics (unprivileged uid, a minimal read-only
 * view of the host system and nothing else of the host, no network, own pid namespace). {@link #NONE} runs plain host
 * processes, for machines without bubblewrap. {@link #SIMULATED} runs nothing and answers scripted output, for load
 * tests.
 */
public enum Isolation {
  /** Each exec runs under bubblewrap as the unprivileged sandbox uid. */
  BUBBLEWRAP,
  /** Each exec runs as a plain host process in the sandbox's workspace directory; no isolation at all. */
  NONE,
  /** No process runs; the output is scripted by {@link ExecOptions}. */
  SIMULATED;

  /** The host tools {@link #BUBBLEWRAP} needs on the {@code PATH}. */
  static final List<String> BUBBLEWRAP_TOOLS = List.of("bwrap", "setpriv", "prlimit", "setsid");

  /**
   * Checks that this mode can run on this host and fails with a message that says how to fix it.
   *
   * @return this mode, for chaining
   * @throws IllegalStateException when bubblewrap or one of its companion tools is missing
   */
  public Isolation check() {
    return check(Isolation::which);
  }

  /** Checks this mode against a given way of finding tools; the seam for tests. */
  Isolation check(Function<String, Optional<Path>> finder) {
    if (this == BUBBLEWRAP) {
      for (String tool : BUBBLEWRAP_TOOLS) {
        if (finder.apply(tool).isEmpty()) {
          throw new IllegalStateException("exec isolation needs '" + tool + "' on the PATH, which is missing: install"
              + " it with 'apt-get install -y bubblewrap util-linux', or start the dev gateway with --isolation=none"
              + " to run exec commands as plain, unisolated host processes");
        }
      }
    }
    return this;
  }

  /** Returns the absolute path of an executable found on the {@code PATH}, if any. */
  static Optional<Path> which(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
