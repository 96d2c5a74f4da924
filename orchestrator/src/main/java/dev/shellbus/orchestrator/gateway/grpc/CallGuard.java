package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.orchestrator.Deadline;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClientRequest;

/**
 * Our own deadline for one gRPC call. The remaining budget is also sent as {@code grpc-timeout}, but
 * the client-side deadline is this timer, so that a call that ran out of time is recognised as ours
 * (final {@code DEADLINE_EXCEEDED}) and not confused with a gateway-side timeout. When the timer
 * fires the request is cancelled (the HTTP/2 stream is reset) and the expiry hook runs. Used on the
 * call's Vert.x context only.
 */
final class CallGuard {
  private final Vertx vertx;
  private long timerId = -1;
  private boolean fired;
  private boolean finished;
  private GrpcClientRequest<?, ?> request;
  private Handler<Void> onExpire = v -> {};

  private CallGuard(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts the timer for what is left of the deadline (at least 1 ms). */
  static CallGuard start(Vertx vertx, Deadline deadline) {
    CallGuard guard = new CallGuard(vertx);
    long ms = Math.max(1L, deadline.remaining().toMillis());
    guard.timerId = vertx.setTimer(ms, id -> guard.expire());
    return guard;
  }

  /** Binds the request to cancel on expiry (cancelled at once if the timer already fired). */
  void bind(GrpcClientRequest<?, ?> value) {
    this.request = value;
    if (fired) {
      value.cancel();
    }
  }

  /** What to do, besides cancelling the request, when the deadline passes. */
  void onExpire(Handler<Void> hook) {
    this.onExpire = hook;
  }

  /** Whether our deadline fired before the call finished. */
  boolean fired() {
    return fired;
  }

  /** The call is over: stop the timer. */
  void finish() {
    finished = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** Resets the stream (a caller's cancel, or a wait that no longer needs its watch). */
  void cancelRequest() {
    if (request != null) {
      request.cancel();
    }
  }

  private void expire() {
    timerId = -1;
    if (finished) {
      return;
    }
    fired = true;
    cancelRequest();
    onExpire.handle(null);
  }
}
