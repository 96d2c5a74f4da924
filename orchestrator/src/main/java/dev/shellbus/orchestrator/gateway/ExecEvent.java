package dev.shellbus.orchestrator.gateway;

import io.vertx.core.buffer.Buffer;

/** One event of an exec stream: a chunk of stdout or stderr, or the exit, which is always last. */
public sealed interface ExecEvent {
  /** A chunk of standard output (raw bytes; binary-safe). */
  record Stdout(Buffer data) implements ExecEvent {}

  /** A chunk of standard error. */
  record Stderr(Buffer data) implements ExecEvent {}

  /** The exit code. 124 means the gateway-side timeout fired. */
  record Exit(int code) implements ExecEvent {}
}
