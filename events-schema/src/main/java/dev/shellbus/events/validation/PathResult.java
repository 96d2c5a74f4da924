package dev.shellbus.events.validation;

/** The outcome of {@link SandboxPaths#validate(String)}: the normalized path, or why it was rejected. */
public sealed interface PathResult permits PathResult.Accepted, PathResult.Rejected {

  /** Returns whether the path was accepted. */
  boolean accepted();

  /**
   * An accepted path in normal form.
   *
   * @param path NFC, absolute, single slashes, no {@code .} segments, no trailing slash
   */
  record Accepted(String path) implements PathResult {
    @Override
    public boolean accepted() {
      return true;
    }
  }

  /**
   * A rejected path.
   *
   * @param problem which rule it broke
   * @param detail what exactly, e.g. which code point at which index; never the whole path
   */
  record Rejected(PathProblem problem, String detail) implements PathResult {
    @Override
    public boolean accepted() {
      return false;
    }
  }
}
