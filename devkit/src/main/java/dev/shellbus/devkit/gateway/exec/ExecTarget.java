package dev.shellbus.devkit.gateway.exec;

import java.nio.file.Path;
import java.util.Map;

/**
 * The exec engine's view of one sandbox, as the gateway core's store sees it at the moment of the call.
 *
 * <p>The core implements this interface over its own sandbox record, so the exec package never depends on the store.
 * Values are read once per exec; a sandbox that changes later does not affect a command already running.
 */
public interface ExecTarget {

  /** Returns the sandbox UUID ({@code metadata.id}). */
  String id();

  /** Returns the sandbox name, used only in logs. */
  String name();

  /** Returns whether the sandbox is in phase READY; exec answers FAILED_PRECONDITION otherwise. */
  boolean ready();

  /** Returns the sandbox's private directory on the host; it is mounted at {@code /sandbox} under bubblewrap. */
  Path workspace();

  /** Returns {@code spec.environment}, applied to every exec before the per-exec variables. */
  Map<String, String> environment();

  /** Returns whether the sandbox policy has network rules; without them the exec gets no network. */
  boolean networkAllowed();

  /**
   * Returns the host directory that holds the {@code /tmp} of the sandbox whose workspace is {@code workspace}: its
   * sibling {@code <workspace>.tmp}. Under bubblewrap it is mounted at {@code /tmp}, so {@code /tmp} persists across
   * the execs of one sandbox, as in a real sandbox; whoever deletes the workspace deletes this directory too.
   */
  static Path tmpDirectory(Path workspace) {
    Path dir = workspace.toAbsolutePath().normalize();
    return dir.resolveSibling(dir.getFileName() + ".tmp");
  }
}
