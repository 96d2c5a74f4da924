package dev.shellbus.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code shellbus dev} keeps its data unless {@code --data-dir} says otherwise: {@code
 * $XDG_STATE_HOME/shellbus/dev}, or {@code ~/.local/state/shellbus/dev} when that variable is unset or not absolute (as
 * the XDG base directory specification says). Never the working directory: the data (sandbox workspaces among it)
 * must not land in a checkout.
 */
final class DevDataDir {

  private DevDataDir() {}

  /** Returns the default data directory of this process. */
  static Path defaultDir() {
    return defaultFor(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Returns the default data directory for an environment and a home directory; the seam for tests. */
  static Path defaultFor(Map<String, String> env, Path home) {
    String state = env.getOrDefault("XDG_STATE_HOME", "");
    Path base = !state.isEmpty() && Path.of(state).isAbsolute() ? Path.of(state) : home.resolve(".local/state");
    return base.resolve("shellbus").resolve("dev").toAbsolutePath().normalize();
  }
}
