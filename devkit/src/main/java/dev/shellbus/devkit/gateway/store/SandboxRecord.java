package dev.shellbus.devkit.gateway.store;

import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One sandbox of the store: its current resource plus the bookkeeping of the timers that drive it.
 *
 * <p>Only the gateway's event-loop context mutates a record. The resource itself is an immutable protobuf snapshot in
 * a volatile field, so the exec engine may read it from any thread.
 */
public final class SandboxRecord {

  private final String id;
  private final String workspace;
  private final String name;
  private final Path directory;
  private volatile Sandbox sandbox;
  private long generation;
  private boolean mainExitScheduled;
  private boolean flapPending;
  private Promise<Sandbox> stopping;

  SandboxRecord(Sandbox sandbox, Path directory) {
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.id = sandbox.getMetadata().getId();
    this.workspace = sandbox.getMetadata().getWorkspace();
    this.name = sandbox.getMetadata().getName();
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** Returns the sandbox UUID. */
  public String id() {
    return id;
  }

  /** Returns the workspace the sandbox lives in. */
  public String workspace() {
    return workspace;
  }

  /** Returns the sandbox name, unique in its workspace. */
  public String name() {
    return name;
  }

  /** Returns the sandbox's private directory on the host. */
  public Path directory() {
    return directory;
  }

  /** Returns the current snapshot of the resource. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /** Returns the current phase. */
  public SandboxPhase phase() {
    return sandbox.getStatus().getPhase();
  }

  void sandbox(Sandbox next) {
    sandbox = next;
  }

  /**
   * Returns the generation of the record's timers. Every phase change that invalidates pending timers (stop, start,
   * delete, a flap) raises it, and a timer that fires with an older generation does nothing.
   */
  public long generation() {
    return generation;
  }

  /** Raises the timer generation, which also forgets any pending flap, and returns the new value. */
  public long nextGeneration() {
    flapPending = false;
    return ++generation;
  }

  /** Returns whether the main-process exit fault was already scheduled for this sandbox. */
  public boolean mainExitScheduled() {
    return mainExitScheduled;
  }

  /** Records that the main-process exit fault is scheduled, so it is scheduled once. */
  public void markMainExitScheduled() {
    mainExitScheduled = true;
  }

  /** Returns whether a flap timer is pending for this sandbox. */
  public boolean flapPending() {
    return flapPending;
  }

  /** Records whether a flap timer is pending, so at most one is. */
  public void flapPending(boolean value) {
    flapPending = value;
  }

  /** Returns the promise that completes when a running stop finishes, or {@code null} when none runs. */
  public Promise<Sandbox> stopping() {
    return stopping;
  }

  /** Sets (or clears, with {@code null}) the promise of the running stop. */
  public void stopping(Promise<Sandbox> value) {
    stopping = value;
  }
}
