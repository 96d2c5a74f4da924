package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one request is going to end, and the one place that decides it: the first failure (later ones become
 * warnings), or the interruption (a Cancel or the deadline) that stopped it (the first one counts). From these it
 * derives the move after a failed action, the FINISH event, the reasons of phase changes and the outcome's error.
 * Part of the request's {@link RequestProgress}; touched only on the request's context.
 */
final class Verdict {
  /** The event the driver fires next, with the reason its phase change carries. */
  record Move(RequestEvent event, Optional<String> reason) {}

  private final List<String> warnings = new ArrayList<>();
  private ShellbusException failure;
  private Interruption interruption;

  /** Records the first failure; later ones are kept as warnings. */
  void fail(ShellbusException cause) {
    if (failure == null) {
      failure = cause;
    } else if (cause != failure) {
      warn(cause.code() + ": " + cause.getMessage());
    }
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return warnings;
  }

  /** Records {@code interruption} unless one is already recorded; returns whether it counts. */
  boolean interrupt(Interruption interruption) {
    if (this.interruption != null) {
      return false;
    }
    this.interruption = interruption;
    return true;
  }

  boolean interrupted() {
    return interruption != null;
  }

  boolean failedOrInterrupted() {
    return failure != null || interruption != null;
  }

  boolean failedWith(FailureCode code) {
    return failure != null && failure.code() == code;
  }

  /**
   * What an action that failed with {@code cause} leads to: in clean-up a warning and the FINISH event; a deadline
   * (the failure says so, or the deadline has passed) an interruption; anything else the request's failure.
   */
  Move afterFailure(Throwable cause, RequestState state, boolean deadlinePassed) {
    ShellbusException failed = cause instanceof ShellbusException se ? se
        : new ShellbusException(FailureCode.INTERNAL, "unexpected: " + cause, cause);
    if (state == RequestState.CLEANING_UP) {
      warn("clean-up failed: " + failed.getMessage());
      return new Move(finishEvent(), Optional.empty());
    }
    if (failed.code() == FailureCode.DEADLINE_EXCEEDED || deadlinePassed) {
      interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: " + failed.getMessage()));
      return new Move(RequestEvent.DEADLINE, reasonFor(RequestEvent.DEADLINE));
    }
    fail(failed);
    return new Move(RequestEvent.FAIL, Optional.of(failed.code() + ": " + failed.getMessage()));
  }

  /**
   * What a transition the table does not have (a bug) leads to: an INTERNAL failure, and still the way to a
   * terminal state through clean-up, so no request is left without an outcome; nothing once the request is over.
   */
  Optional<Move> afterBug(IllegalStateException bug, RequestState state) {
    fail(new ShellbusException(FailureCode.INTERNAL, bug.getMessage(), bug));
    if (state.terminal()) {
      return Optional.empty();
    }
    return Optional.of(new Move(state == RequestState.CLEANING_UP ? RequestEvent.FINISH_FAILED : RequestEvent.FAIL,
        Optional.of(FailureCode.INTERNAL + ": " + bug.getMessage())));
  }

  /** The FINISH event that matches what happened. */
  RequestEvent finishEvent() {
    if (interruption != null) {
      return interruption.kind() == Interruption.Kind.CANCEL ? RequestEvent.FINISH_CANCELLED : RequestEvent.FINISH_TIMED_OUT;
    }
    return failure != null ? RequestEvent.FINISH_FAILED : RequestEvent.FINISH_SUCCEEDED;
  }

  /** The reason a phase change on {@code event} carries: the interruption's or the failure's, where they apply. */
  Optional<String> reasonFor(RequestEvent event) {
    switch (event) {
      case DEADLINE:
      case CANCEL:
      case FINISH_CANCELLED:
      case FINISH_TIMED_OUT:
        return Optional.ofNullable(interruption).map(Interruption::reason);
      case FINISH_FAILED:
        return Optional.ofNullable(failure).map(f -> f.code() + ": " + f.getMessage());
      default:
        return Optional.empty();
    }
  }

  /** Why the request did not succeed: the interruption, else the first failure; empty when it did. */
  Optional<ErrorInfo> error() {
    if (interruption != null) {
      boolean cancel = interruption.kind() == Interruption.Kind.CANCEL;
      return Optional.of(new ErrorInfo(cancel ? FailureCode.CANCELLED : FailureCode.DEADLINE_EXCEEDED,
          interruption.reason(), false));
    }
    return Optional.ofNullable(failure).map(ErrorInfo::of);
  }

  /** {@code step} as the interruption left it at {@code now}: CANCELLED or TIMED_OUT, with whatever output it had. */
  StepResult cutShort(StepResult step, Instant now) {
    StepResult.Status status = interruption.kind() == Interruption.Kind.CANCEL
        ? StepResult.Status.CANCELLED : StepResult.Status.TIMED_OUT;
    return new StepResult(step.index(), step.name(), status, step.exitCode(), step.startedAt(), Optional.of(now),
        step.stdout(), step.stderr());
  }
}
