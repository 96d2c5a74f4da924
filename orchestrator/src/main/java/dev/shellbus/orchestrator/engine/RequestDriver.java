package dev.shellbus.orchestrator.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Runs one request through the transition table: fires an event, runs the action of the row it
 * took, turns the action's result into the next event, until a terminal state. It owns the
 * request's {@link RequestProgress}: it creates it, hands it to the flow, and alone moves its phase.
 * Interruptions (a Cancel, the deadline timer) take effect at once: the running exec is cancelled,
 * the table moves to CLEANING_UP, and whatever the interrupted action later returns is ignored.
 * Everything, the progress included, runs on the context the request started on.
 */
final class RequestDriver {
  private final RequestInputs request;
  private final RequestProgress progress;
  private final Flow flow;
  private final CancelRegistry registry;
  private final Context context;
  private final Promise<Outcome> outcome = Promise.promise();
  private long generation;
  private long deadlineTimer = -1;

  RequestDriver(RequestInputs request, EngineObserver observer, BiFunction<RequestInputs, RequestProgress, Flow> flows,
      CancelRegistry registry, Context context) {
    this.request = request;
    this.progress = new RequestProgress(request.context(), request.clock(), observer);
    this.flow = flows.apply(request, progress);
    this.registry = registry;
    this.context = context;
  }

  Future<Outcome> start() {
    registry.register(request.context().requestId(), this);
    long left = request.deadline().remaining().toMillis();
    if (left > 0) {
      deadlineTimer = request.services().vertx().setTimer(left,
          id -> interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: the request deadline passed")));
    }
    first();
    return outcome.future();
  }

  /** Cancels the request from any thread. */
  void cancel(String reason) {
    context.runOnContext(v -> interrupt(new Interruption(Interruption.Kind.CANCEL, "CANCELLED: " + reason)));
  }

  private void first() {
    String early = registry.takeEarlyCancel(request.context().requestId());
    if (early != null) {
      interrupt(new Interruption(Interruption.Kind.CANCEL, "CANCELLED: " + early));
    } else if (request.deadline().expired()) {
      interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: the deadline had passed on arrival"));
    } else {
      try {
        apply(flow.accept(), Optional.empty());
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  private void interrupt(Interruption interruption) {
    if (!progress.interruptible()) {
      return;
    }
    // Before the exec is cancelled: whatever the interrupted action answers from now on is stale.
    generation++;
    progress.interrupt(interruption);
    apply(interruption.event(), Optional.of(interruption.reason()));
  }

  private void apply(RequestEvent event, Optional<String> reason) {
    Transition row;
    try {
      row = progress.fire(event, reason);
    } catch (IllegalStateException bug) {
      progress.afterBug(bug).ifPresent(this::apply);
      return;
    }
    long current = ++generation;
    if (row.action() == Action.COMPLETE) {
      complete(row.to());
      return;
    }
    Future<RequestEvent> next;
    try {
      next = flow.perform(row.action());
    } catch (RuntimeException e) {
      next = Future.failedFuture(e);
    }
    next.onComplete(result -> {
      if (current != generation) {
        return;
      }
      if (result.succeeded()) {
        apply(result.result(), progress.reasonFor(result.result()));
      } else {
        failed(result.cause());
      }
    });
  }

  private void apply(Verdict.Move move) {
    apply(move.event(), move.reason());
  }

  private void failed(Throwable cause) {
    apply(progress.afterFailure(cause));
  }

  private void complete(RequestState terminal) {
    if (deadlineTimer >= 0) {
      request.services().vertx().cancelTimer(deadlineTimer);
    }
    registry.unregister(request.context().requestId(), this);
    outcome.complete(progress.outcome(terminal, flow.unstartedSteps()));
  }
}
