package dev.shellbus.orchestrator.retry;

import java.time.Duration;

/**
 * One decision of the {@link Retrier}: a retry scheduled after a failed attempt, or giving up.
 *
 * @param operation the name of the operation, for logs and metric tags (keep it low-cardinality)
 * @param attempt the attempt that just failed (1-based)
 * @param maxAttempts the most tries the policy allows
 * @param delay the wait before the next attempt; zero when giving up
 * @param cause the failure of that attempt
 */
public record RetryEvent(String operation, int attempt, int maxAttempts, Duration delay, Throwable cause) {}
