/**
 * Retries of transient failures: a {@link dev.shellbus.orchestrator.retry.RetryPolicy} (exponential
 * backoff, full jitter, bounded attempts) and the {@link dev.shellbus.orchestrator.retry.Retrier}
 * that applies it on Vert.x timers within a request's deadline.
 */
package dev.shellbus.orchestrator.retry;
