package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for one sandbox to become READY. It watches with {@code WatchSandbox(follow_status=true,
 * stop_on_terminal=true)} and decides on every snapshot itself: READY ends the wait, ERROR and
 * DELETING fail it with {@code SANDBOX_FAILED} (the gateway's {@code stop_on_terminal} stops only on
 * READY, so those two are ours to see). If the watch cannot open or breaks, it falls back to polling
 * {@code GetSandbox} every 250 ms, doubling to a 2 s cap; a transient poll failure just waits for the
 * next poll. Nothing waits past the deadline, which fails the wait with {@code DEADLINE_EXCEEDED}.
 *
 * <p>After READY the watch is left to end on the gateway's side (that is what {@code
 * stop_on_terminal} is for) and cancelled only if it has not ended within {@link #END_GRACE_MS}.
 * Cancelling every watch would send an RST_STREAM per sandbox, and HTTP/2 servers count those
 * (the rapid-reset defence, CVE-2023-44487: Vert.x and Netty close the connection with GOAWAY
 * ENHANCE_YOUR_CALM after 200 in 30 s), which failed every call on the shared connection under load.
 */
final class ReadyWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyWaiter.class);
  private static final long FIRST_POLL_MS = 250;
  private static final long MAX_POLL_MS = 2000;
  /** How long a watch that has seen READY may take to end by itself before it is cancelled. */
  static final long END_GRACE_MS = 2000;

  private final Vertx vertx;
  private final GrpcCalls calls;
  private final SandboxHandle sandbox;
  private final Deadline deadline;
  private final Promise<SandboxInfo> result = Promise.promise();
  private GrpcCalls.Stream<WatchSandboxRequest, SandboxStreamEvent> watch;
  private long timerId = -1;

  ReadyWaiter(Vertx vertx, GrpcCalls calls, SandboxHandle sandbox, Deadline deadline) {
    this.vertx = vertx;
    this.calls = calls;
    this.sandbox = sandbox;
    this.deadline = deadline;
  }

  Future<SandboxInfo> await() {
    return calls.onContext(() -> {
      if (deadline.expired()) {
        return Future.failedFuture(GrpcStatusMapper.ownDeadline("WatchSandbox"));
      }
      long overall = vertx.setTimer(Math.max(1L, deadline.remaining().toMillis()),
          id -> finish(null, GrpcStatusMapper.ownDeadline("WatchSandbox")));
      result.future().onComplete(ar -> vertx.cancelTimer(overall));
      WatchSandboxRequest request = WatchSandboxRequest.newBuilder().setId(sandbox.id()).setFollowStatus(true)
          .setStopOnTerminal(true).build();
      calls.serverStream(OpenShellGrpcClient.WatchSandbox, request, deadline).onComplete(ar -> {
        if (ar.failed()) {
          fallBack(ar.cause());
        } else {
          follow(ar.result());
        }
      });
      return result.future();
    });
  }

  private void follow(GrpcCalls.Stream<WatchSandboxRequest, SandboxStreamEvent> stream) {
    if (done()) {
      stream.request().cancel();
      return;
    }
    watch = stream;
    stream.response().handler(event -> {
      if (event.getPayloadCase() == SandboxStreamEvent.PayloadCase.SANDBOX) {
        check(event.getSandbox());
      }
    });
    stream.response().endHandler(v -> {
      stream.guard().finish();
      fallBack(new IllegalStateException("watch ended"));
    });
    stream.response().exceptionHandler(this::fallBack);
    stream.response().errorHandler(error -> fallBack(new IllegalStateException("watch reset: " + error)));
    stream.response().resume();
  }

  private void fallBack(Throwable why) {
    if (done()) {
      return;
    }
    if (watch != null) {
      watch.guard().finish();
      watch = null;
    }
    LOG.debug("watch of sandbox {} broke ({}); polling GetSandbox", sandbox.name(), why.toString());
    poll(FIRST_POLL_MS);
  }

  private void poll(long delayMs) {
    GetSandboxRequest request = GetSandboxRequest.newBuilder().setName(sandbox.name()).setWorkspace(sandbox.workspace()).build();
    calls.unary(OpenShellGrpcClient.GetSandbox, request, deadline).onComplete(ar -> {
      if (done()) {
        return;
      }
      if (ar.succeeded()) {
        check(ar.result().getSandbox());
      } else if (!(ar.cause() instanceof ShellbusException se && se.retryable())) {
        finish(null, ar.cause());
      }
      if (!done()) {
        long wait = Math.min(delayMs, Math.max(1L, deadline.remaining().toMillis()));
        timerId = vertx.setTimer(wait, id -> {
          timerId = -1;
          if (!done()) {
            poll(Math.min(delayMs * 2, MAX_POLL_MS));
          }
        });
      }
    });
  }

  private void check(Sandbox snapshot) {
    SandboxPhase phase = ProtoMapping.phase(snapshot);
    if (phase == SandboxPhase.READY) {
      finish(ProtoMapping.toInfo(snapshot), null);
    } else if (phase.terminal()) {
      finish(null, new ShellbusException(FailureCode.SANDBOX_FAILED, ProtoMapping.describeTerminal(snapshot)));
    }
  }

  private boolean done() {
    return result.future().isComplete();
  }

  private void finish(SandboxInfo info, Throwable failure) {
    if (done()) {
      return;
    }
    // Complete first: cancelling the watch below may call back into fallBack() synchronously.
    if (failure == null) {
      result.complete(info);
    } else {
      result.fail(failure);
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    GrpcCalls.Stream<WatchSandboxRequest, SandboxStreamEvent> open = watch;
    watch = null;
    if (open == null) {
      return;
    }
    if (failure == null) {
      // READY: the gateway ends a stop_on_terminal watch itself; cancel only one that lingers.
      long grace = vertx.setTimer(END_GRACE_MS, id -> cancel(open));
      open.response().endHandler(v -> {
        vertx.cancelTimer(grace);
        open.guard().finish();
      });
      open.response().exceptionHandler(e -> {
        vertx.cancelTimer(grace);
        open.guard().finish();
      });
    } else {
      cancel(open);
    }
  }

  private static void cancel(GrpcCalls.Stream<WatchSandboxRequest, SandboxStreamEvent> open) {
    open.guard().finish();
    open.request().cancel();
  }
}
