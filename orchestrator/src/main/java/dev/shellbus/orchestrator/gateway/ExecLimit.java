package dev.shellbus.orchestrator.gateway;

import dev.shellbus.orchestrator.Deadline;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one decision of how long an exec may run, and the report of which limit ended it.
 *
 * <p>An exec is bounded by the caller's own timeout ({@link ExecSpec#timeoutSeconds()}, a step's {@code
 * timeout_seconds}) and by the request deadline. Both become the gateway's {@code timeout_seconds}: the gateway
 * answers {@code exit 124} (with an OK stream) when it fires, and the call's gRPC deadline ({@link #callDeadline}) is
 * that timeout plus {@link #MARGIN}, capped by the request deadline (contract gotcha 5), so that the exit arrives
 * before the call is cut and a gateway that never answers does not hold the step for the whole budget. The cap on the
 * timeout is therefore the remaining budget minus 10 s; with less than 11 s left it is half of what is left, and never
 * below 1 s. The caller's timeout is kept when it fits under the cap, and then it is the limit that an exit
 * 124 reports; otherwise, or when the caller asked for none, the cap stands for the request deadline.
 *
 * <p>The gateway adapter decides the limit when it sends the exec and reports it with the call ({@link
 * ExecCall#limit()}); the engine reads from it which limit ended a step instead of guessing from elapsed time. An exec
 * whose command itself exits 124 is indistinguishable from one whose timeout fired and is reported the same way.
 *
 * @param timeoutSeconds the gateway-side {@code timeout_seconds} sent, at least 1
 * @param kind which limit those seconds stand for
 */
public record ExecLimit(int timeoutSeconds, Kind kind) {
  /** How much longer than the gateway timeout the gRPC deadline must be, where the budget allows. */
  public static final Duration MARGIN = Duration.ofSeconds(10);
  /** The exit code the gateway answers when its timeout fires. */
  public static final int TIMEOUT_EXIT = 124;

  /** Which limit an exec's timeout stands for. */
  public enum Kind {
    /** The caller's own timeout: for a step, its {@code timeout_seconds} (STEP_TIMED_OUT). */
    OWN_TIMEOUT,
    /** The request deadline's remaining budget, less the margin (TIMED_OUT with DEADLINE_EXCEEDED). */
    REQUEST_DEADLINE
  }

  /** Checks the fields. */
  public ExecLimit {
    Objects.requireNonNull(kind, "kind");
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be at least 1: " + timeoutSeconds);
    }
  }

  /**
   * Decides the limit of an exec that asked for {@code requestedSeconds} (0 for none) with {@code remaining} left of
   * the request's budget.
   */
  public static ExecLimit decide(int requestedSeconds, Duration remaining) {
    long remainingMs = remaining.toMillis();
    long usableMs = remainingMs - MARGIN.toMillis();
    if (usableMs < 1000) {
      usableMs = remainingMs / 2;
    }
    int cap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, usableMs / 1000));
    return requestedSeconds > 0 && requestedSeconds <= cap
        ? new ExecLimit(requestedSeconds, Kind.OWN_TIMEOUT)
        : new ExecLimit(cap, Kind.REQUEST_DEADLINE);
  }

  /**
   * The gRPC deadline of the exec call sent with this limit: {@link #timeoutSeconds()} plus {@link #MARGIN}, capped
   * by {@code request}, the request deadline. For a {@link Kind#REQUEST_DEADLINE} limit that is the request deadline
   * (to within the second the timeout was rounded down to).
   */
  public Deadline callDeadline(Deadline request) {
    return request.cappedAt(Duration.ofSeconds(timeoutSeconds).plus(MARGIN));
  }

  /** Which limit ended an exec whose call deadline fired while {@code request}, the request deadline, had not. */
  public Kind endedByCallDeadline(Deadline request) {
    return request.expired() ? Kind.REQUEST_DEADLINE : kind;
  }

  /** Which limit ended an exec that exited with {@code exitCode}: this one for exit 124, none for any other code. */
  public Optional<Kind> endedBy(int exitCode) {
    return exitCode == TIMEOUT_EXIT ? Optional.of(kind) : Optional.empty();
  }
}
