package dev.shellbus.orchestrator.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * A running exec. {@link #events()} delivers stdout and stderr chunks with flow control (pause it
 * and the gateway stops sending); it ends after the {@link ExecEvent.Exit} event. A stream that
 * ends without an exit fails {@link #exit()} with a retryable {@code EXEC_INTERRUPTED} error, never
 * with exit 0.
 */
public interface ExecCall {
  /** Output and the final exit event. Set a handler before the first event can be lost: streams start paused until a handler is set. */
  ReadStream<ExecEvent> events();

  /**
   * Standard input for an interactive exec: write chunks (each under 1 MiB) with the usual
   * {@code writeQueueFull}/{@code drainHandler} backpressure, then {@code end()} to send EOF. For a
   * non-interactive exec, stdin came with the request and this stream is already ended.
   */
  WriteStream<Buffer> stdin();

  /** Completes with the exit code once the exit event has arrived, or fails with the stream's error. */
  Future<Integer> exit();

  /**
   * The limit the exec was sent with, decided by the gateway adapter from the spec's own timeout and the request's
   * remaining budget; {@link ExecLimit#endedBy(int)} says which limit an exit 124 reports.
   */
  ExecLimit limit();

  /** Cancels the call (the gRPC stream is reset; the dev gateway kills the command). */
  void cancel();
}
