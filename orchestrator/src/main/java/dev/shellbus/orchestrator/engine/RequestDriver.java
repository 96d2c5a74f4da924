package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one request through the transition table: fires an event, runs the action of the row it
 * took, turns the action's result into the next event, until a terminal state. Interruptions (a
 * Cancel, the deadline timer) take effect at once: the running exec is cancelled, the table moves
 * to CLEANING_UP, and whatever the interrupted action later returns is ignored. Everything runs on
 * the context the request started on.
 */
final class RequestDriver {
  private final RequestScope scope;
  private final Flow flow;
  private final CancelRegistry registry;
  private final Context context;
  private final Promise<Outcome> outcome = Promise.promise();
  private long generation;
  private long deadlineTimer = -1;

  RequestDriver(RequestScope scope, Flow flow, CancelRegistry registry, Context context) {
    this.scope = scope;
    this.flow = flow;
    this.registry = registry;
    this.context = context;
  }

  Future<Outcome> start() {
    registry.register(scope.context.requestId(), this);
    long left = scope.deadline().remaining().toMillis();
    if (left > 0) {
      deadlineTimer = scope.services.vertx().setTimer(left,
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
    String early = registry.takeEarlyCancel(scope.context.requestId());
    if (early != null) {
      scope.interruption = new Interruption(Interruption.Kind.CANCEL, "CANCELLED: " + early);
      apply(RequestEvent.CANCEL, Optional.of(scope.interruption.reason()));
    } else if (scope.deadline().expired()) {
      scope.interruption = new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: the deadline had passed on arrival");
      apply(RequestEvent.DEADLINE, Optional.of(scope.interruption.reason()));
    } else {
      try {
        apply(flow.accept(), Optional.empty());
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  private void interrupt(Interruption interruption) {
    RequestState state = scope.machine.state();
    if (state.terminal() || state == RequestState.CLEANING_UP || scope.interruption != null) {
      return;
    }
    scope.interruption = interruption;
    generation++;
    if (scope.currentCall != null) {
      scope.currentCall.cancel();
    }
    apply(interruption.event(), Optional.of(interruption.reason()));
  }

  private void apply(RequestEvent event, Optional<String> reason) {
    Transition row;
    try {
      row = scope.machine.fire(event, reason);
    } catch (IllegalStateException bug) {
      recover(bug);
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
        apply(result.result(), reasonFor(result.result()));
      } else {
        failed(result.cause());
      }
    });
  }

  /**
   * A flow asked for a transition the table does not have (a bug): record it and still end the
   * request through clean-up, so no request is left without an outcome.
   */
  private void recover(IllegalStateException bug) {
    scope.fail(new ShellbusException(FailureCode.INTERNAL, bug.getMessage(), bug));
    RequestState state = scope.machine.state();
    if (state.terminal()) {
      return;
    }
    apply(state == RequestState.CLEANING_UP ? RequestEvent.FINISH_FAILED : RequestEvent.FAIL,
        Optional.of(FailureCode.INTERNAL + ": " + bug.getMessage()));
  }

  private void failed(Throwable cause) {
    ShellbusException failure = cause instanceof ShellbusException se ? se
        : new ShellbusException(FailureCode.INTERNAL, "unexpected: " + cause, cause);
    if (scope.machine.state() == RequestState.CLEANING_UP) {
      scope.warnings.add("clean-up failed: " + failure.getMessage());
      apply(flow.finishEvent(), Optional.empty());
      return;
    }
    if (failure.code() == FailureCode.DEADLINE_EXCEEDED || scope.deadline().expired()) {
      scope.interruption = new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: " + failure.getMessage());
      apply(RequestEvent.DEADLINE, Optional.of(scope.interruption.reason()));
      return;
    }
    scope.fail(failure);
    apply(RequestEvent.FAIL, Optional.of(failure.code() + ": " + failure.getMessage()));
  }

  private Optional<String> reasonFor(RequestEvent event) {
    if (event == RequestEvent.DEADLINE || event == RequestEvent.CANCEL) {
      return Optional.ofNullable(scope.interruption).map(Interruption::reason);
    }
    if (event == RequestEvent.FINISH_FAILED && scope.failure != null) {
      return Optional.of(scope.failure.code() + ": " + scope.failure.getMessage());
    }
    if ((event == RequestEvent.FINISH_CANCELLED || event == RequestEvent.FINISH_TIMED_OUT) && scope.interruption != null) {
      return Optional.of(scope.interruption.reason());
    }
    return Optional.empty();
  }

  private void complete(RequestState terminal) {
    if (deadlineTimer >= 0) {
      scope.services.vertx().cancelTimer(deadlineTimer);
    }
    registry.unregister(scope.context.requestId(), this);
    List<StepResult> steps = new ArrayList<>(scope.steps);
    steps.addAll(flow.unstartedSteps());
    outcome.complete(new Outcome(scope.context.requestId(), scope.context.attempt(), status(terminal), steps,
        scope.artifacts, scope.manifest, scope.snapshot, scope.inputs, scope.sandbox, scope.timings(), error(), scope.warnings));
  }

  private Optional<ErrorInfo> error() {
    if (scope.interruption != null) {
      boolean cancel = scope.interruption.kind() == Interruption.Kind.CANCEL;
      return Optional.of(new ErrorInfo(cancel ? FailureCode.CANCELLED : FailureCode.DEADLINE_EXCEEDED,
          scope.interruption.reason(), false));
    }
    return Optional.ofNullable(scope.failure).map(ErrorInfo::of);
  }

  private static Outcome.Status status(RequestState terminal) {
    switch (terminal) {
      case SUCCEEDED:
        return Outcome.Status.SUCCEEDED;
      case CANCELLED:
        return Outcome.Status.CANCELLED;
      case TIMED_OUT:
        return Outcome.Status.TIMED_OUT;
      default:
        return Outcome.Status.FAILED;
    }
  }
}
