package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;

/**
 * The defensive path rules for anything shellbus writes into or reads out of a sandbox. The worker
 * validates paths against the full rules before a request reaches the engine; this refuses what
 * must never pass anyway: relative paths, {@code .} or {@code ..} segments, empty segments,
 * control characters, and the root itself.
 */
public final class SandboxPaths {
  private static final int MAX_LENGTH = 4096;

  private SandboxPaths() {}

  /**
   * Returns {@code path} if it is absolute and normalized.
   *
   * @throws ShellbusException with {@link FailureCode#INVALID_PATH} otherwise
   */
  public static String requireAbsolute(String path) {
    if (path == null || !path.startsWith("/") || path.length() == 1 || path.length() > MAX_LENGTH) {
      throw invalid(path, "must be an absolute path below /");
    }
    String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
    for (String segment : body.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid(path, "must be normalized (no empty, '.' or '..' segments)");
      }
    }
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
        throw invalid(path, "must not contain control characters");
      }
    }
    return path;
  }

  /** The path without its leading (and any trailing) slash, as tar names it relative to {@code /}. */
  public static String relative(String absolute) {
    String rel = requireAbsolute(absolute).substring(1);
    return rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
  }

  /** The last segment of a path. */
  public static String baseName(String path) {
    String rel = relative(path);
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  private static ShellbusException invalid(String path, String rule) {
    return new ShellbusException(FailureCode.INVALID_PATH, "sandbox path " + printable(path) + " " + rule);
  }

  private static String printable(String path) {
    return path == null ? "(null)" : "'" + path.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
