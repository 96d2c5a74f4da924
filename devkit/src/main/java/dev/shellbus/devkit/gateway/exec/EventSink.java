package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxExit;
import dev.shellbus.gateway.v1.ExecSandboxStderr;
import dev.shellbus.gateway.v1.ExecSandboxStdout;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The response side of one exec call, with flow control and exactly one terminal event.
 *
 * <p>Producers ask {@link #whenWritable} before producing more; while the HTTP/2 write queue is full the callbacks
 * wait for the response's drain handler. After the exit event, a failure or a client cancel the sink is closed:
 * output is dropped (and counted as released) and waiting producers are let go, so nothing blocks on a dead call.
 * Used only on the call's Vert.x context.
 */
final class EventSink {

  /** The status of a stream that ends without an exit event, as the real gateway words it. */
  static final String RELAY_CLOSED = "exec relay closed before the command reported an exit status";

  private final GrpcServerResponse<?, ExecSandboxEvent> response;
  private final ExecStats stats;
  private final List<Runnable> waiters = new ArrayList<>();
  private boolean closed;

  EventSink(GrpcServerResponse<?, ExecSandboxEvent> response, ExecStats stats) {
    this.response = response;
    this.stats = stats;
    response.drainHandler(v -> releaseWaiters());
  }

  /** Returns whether the call still accepts events. */
  boolean open() {
    return !closed;
  }

  /** Returns whether the call is open and its write queue has room. */
  boolean writable() {
    return !closed && !response.writeQueueFull();
  }

  /** Writes one stdout or stderr chunk; the bytes were counted as produced by the caller. */
  void output(boolean stderr, ByteString data) {
    int size = data.size();
    if (closed) {
      stats.released(size, false);
      return;
    }
    ExecSandboxEvent event = stderr
        ? ExecSandboxEvent.newBuilder().setStderr(ExecSandboxStderr.newBuilder().setData(data)).build()
        : ExecSandboxEvent.newBuilder().setStdout(ExecSandboxStdout.newBuilder().setData(data)).build();
    try {
      response.write(event).onComplete(ar -> stats.released(size, ar.succeeded()));
    } catch (IllegalStateException gone) {
      stats.released(size, false);
      cancelled();
    }
  }

  /** Runs {@code producer} now if the client can take more, else once the write queue drains or the sink closes. */
  void whenWritable(Runnable producer) {
    if (closed || !response.writeQueueFull()) {
      producer.run();
    } else {
      waiters.add(producer);
    }
  }

  /** Sends the exit event last and ends the call OK; or, for a broken relay, fails it UNAVAILABLE instead. */
  void exit(int exitCode, boolean breakRelay) {
    if (breakRelay) {
      fail(new GatewayException(GrpcStatus.UNAVAILABLE, RELAY_CLOSED));
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    ExecSandboxEvent exit = ExecSandboxEvent.newBuilder()
        .setExit(ExecSandboxExit.newBuilder().setExitCode(exitCode)).build();
    try {
      response.end(exit);
    } catch (IllegalStateException gone) {
      // The client went away in the meantime; there is nobody to tell.
    }
    releaseWaiters();
  }

  /** Ends the call with the status that answers {@code error}, unless it already ended. */
  void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    GatewayException.fail(response, error);
    releaseWaiters();
  }

  /** Marks the call as gone (client cancel or reset): nothing more is written. */
  void cancelled() {
    closed = true;
    releaseWaiters();
  }

  private void releaseWaiters() {
    while (!waiters.isEmpty() && (closed || !response.writeQueueFull())) {
      List<Runnable> ready = new ArrayList<>(waiters);
      waiters.clear();
      ready.forEach(Runnable::run);
    }
  }
}
