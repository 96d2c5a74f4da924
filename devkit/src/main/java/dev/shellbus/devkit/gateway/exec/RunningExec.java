package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;

/**
 * One exec in progress, whether a real process or a simulation; the unit {@link ExecService} tracks and kills.
 *
 * <p>Methods other than {@link #abort} and {@link #terminated} are called on the call's Vert.x context.
 */
interface RunningExec {

  /** Why an exec is stopped from outside. */
  enum Abort {
    /** The client cancelled or its deadline passed: nothing more is sent. */
    CANCELLED,
    /** The sandbox was deleted or the gateway is closing: the stream fails UNAVAILABLE, like a dropped relay. */
    GONE
  }

  /** Returns the UUID of the sandbox the exec runs in. */
  String sandboxId();

  /**
   * Starts the exec; {@code onStarted} runs on the context once stdin can be written (never if the start fails).
   *
   * @param stdin bytes written before EOF (ExecSandbox), or empty
   * @param interactive when true stdin stays open for {@link #writeStdin} until {@link #closeStdin}
   */
  void start(ByteString stdin, boolean interactive, Runnable onStarted);

  /** Queues stdin bytes; returns false when the caller should pause until {@link #whenStdinDrained} fires. */
  boolean writeStdin(ByteString data);

  /** Runs {@code resume} on the context once the stdin backlog is small again. */
  void whenStdinDrained(Runnable resume);

  /** Sends EOF to the command's stdin (the client half-closed). */
  void closeStdin();

  /** Stops the exec and kills its processes; safe from any thread, idempotent. */
  void abort(Abort reason);

  /** Completes once the exec has ended and its processes are gone. */
  Future<Void> terminated();
}
