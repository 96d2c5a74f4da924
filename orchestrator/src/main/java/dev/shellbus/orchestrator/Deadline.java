package dev.shellbus.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One absolute point in time by which a request must be finished. Every wait, exec timeout,
 * transfer and cleanup derives its own bound from what is left of it, so no step can outlive the
 * request. Immutable; comparisons use the clock it was made with.
 */
public final class Deadline {
  private final Instant at;
  private final Clock clock;

  private Deadline(Instant at, Clock clock) {
    this.at = at;
    this.clock = clock;
  }

  /** A deadline at the given instant, measured on the system UTC clock. */
  public static Deadline at(Instant at) {
    return new Deadline(at, Clock.systemUTC());
  }

  /** A deadline at the given instant, measured on the given clock (tests use a fixed clock). */
  public static Deadline at(Instant at, Clock clock) {
    return new Deadline(at, clock);
  }

  /** A deadline the given duration from now. */
  public static Deadline in(Duration budget) {
    return at(Instant.now().plus(budget));
  }

  public Instant instant() {
    return at;
  }

  /** What is left, never negative. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return !clock.instant().isBefore(at);
  }

  /** A deadline earlier by {@code reserve}: work before cleanup stops there, keeping the reserve for cleanup. */
  public Deadline reserving(Duration reserve) {
    return new Deadline(at.minus(reserve), clock);
  }

  /** The earlier of this deadline and now plus {@code cap}. */
  public Deadline cappedAt(Duration cap) {
    Instant capped = clock.instant().plus(cap);
    return capped.isBefore(at) ? new Deadline(capped, clock) : this;
  }

  @Override
  public String toString() {
    return "Deadline[" + at + ", remaining " + remaining().toMillis() + " ms]";
  }
}
