package dev.shellbus.orchestrator.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How a transient failure is retried: exponential backoff with full jitter. Attempt {@code n}
 * (counting the first try as 1) is followed, when it fails with a retryable error, by a wait drawn
 * uniformly from {@code [0, min(maxDelay, initialDelay * multiplier^(n-1))]}. At most {@code
 * maxAttempts} tries are made, and no wait is ever scheduled past the caller's deadline.
 *
 * @param initialDelay the ceiling of the first wait
 * @param multiplier how much the ceiling grows per attempt (at least 1)
 * @param maxDelay the largest ceiling
 * @param maxAttempts the number of tries including the first (at least 1)
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

  /** The default: 200 ms doubling to a 5 s cap, five tries in total. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 5);

  /** Tries that stand for "no limit": the caller's retry predicate or deadline ends the retries. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** A policy that tries once and never retries. */
  public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, 1.0, Duration.ZERO, 1);

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("retry multiplier must be at least 1, was " + multiplier);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry maxAttempts must be at least 1, was " + maxAttempts);
    }
  }

  /** Backoff from {@code initialDelay} doubling to {@code maxDelay}, with no limit on the number of tries. */
  public static RetryPolicy unlimited(Duration initialDelay, Duration maxDelay) {
    return new RetryPolicy(initialDelay, 2.0, maxDelay, UNLIMITED);
  }

  /** The same policy with another number of tries. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(initialDelay, multiplier, maxDelay, attempts);
  }

  /** The largest wait after the given failed attempt (1-based), before jitter. */
  public Duration ceilingAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based, was " + attempt);
    }
    double ceiling = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1.0);
    return Duration.ofMillis((long) Math.min(ceiling, maxDelay.toMillis()));
  }

  /** The wait after the given failed attempt, with full jitter from {@code unit} in {@code [0, 1)}. */
  public Duration delayAfter(int attempt, double unit) {
    if (unit < 0.0 || unit >= 1.0) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + unit);
    }
    return Duration.ofMillis((long) Math.floor(ceilingAfter(attempt).toMillis() * unit));
  }
}
