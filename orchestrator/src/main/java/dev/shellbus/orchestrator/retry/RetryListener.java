package dev.shellbus.orchestrator.retry;

/**
 * Hears what the {@link Retrier} decides, so that the worker can count retries and give-ups in its
 * metrics. Called on the Vert.x context that runs the operation; must not block.
 */
public interface RetryListener {
  /** A listener that ignores everything. */
  RetryListener NONE = new RetryListener() {};

  /** A retryable failure happened and another attempt is scheduled after {@code event.delay()}. */
  default void onRetry(RetryEvent event) {}

  /**
   * The operation failed for good: the failure was final, the attempts ran out, or the deadline
   * left no room for another wait.
   */
  default void onGiveUp(RetryEvent event) {}
}
