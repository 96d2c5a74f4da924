package dev.shellbus.orchestrator.retry;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an asynchronous operation again after retryable failures, following a {@link RetryPolicy}.
 * Waits are Vert.x timers, so nothing sleeps and the event loop stays free. A failure is retried
 * only when the predicate says so (by default: a {@link ShellbusException} whose {@code
 * retryable()} is true), only while attempts are left, and only when the wait ends before the
 * deadline; otherwise the last failure is returned as it is. Every decision is logged with the
 * operation name and attempt count and handed to the {@link RetryListener}.
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Vertx vertx;
  private final RetryPolicy policy;
  private final RetryListener listener;
  private final DoubleSupplier jitter;
  private final Predicate<Throwable> retryable;

  /** A retrier with random jitter that retries retryable {@link ShellbusException}s. */
  public Retrier(Vertx vertx, RetryPolicy policy, RetryListener listener) {
    this(vertx, policy, listener, Retrier::isRetryable);
  }

  /** A retrier with random jitter that retries the failures {@code retryable} accepts. */
  public Retrier(Vertx vertx, RetryPolicy policy, RetryListener listener, Predicate<Throwable> retryable) {
    this(vertx, policy, listener, () -> ThreadLocalRandom.current().nextDouble(), retryable);
  }

  /**
   * A retrier with every part chosen by the caller.
   *
   * @param jitter values in {@code [0, 1)}; tests pass a fixed sequence
   * @param retryable which failures are worth another attempt
   */
  public Retrier(
      Vertx vertx,
      RetryPolicy policy,
      RetryListener listener,
      DoubleSupplier jitter,
      Predicate<Throwable> retryable) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.retryable = Objects.requireNonNull(retryable, "retryable");
  }

  /** The default rule: our own exceptions say whether they are retryable; anything else is final. */
  public static boolean isRetryable(Throwable failure) {
    return failure instanceof ShellbusException se && se.retryable();
  }

  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Runs {@code action} until it succeeds, fails for good, runs out of attempts or would wait past
   * the deadline.
   *
   * @param operation a short, low-cardinality name for logs and metrics, e.g. {@code gateway.create}
   */
  public <T> Future<T> run(String operation, Deadline deadline, Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    attempt(operation, deadline, action, 1, result);
    return result.future();
  }

  private <T> void attempt(
      String operation, Deadline deadline, Supplier<Future<T>> action, int attempt, Promise<T> result) {
    Future<T> outcome;
    try {
      outcome = Objects.requireNonNull(action.get(), "the action returned no future");
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        value -> result.complete(value),
        failure -> onFailure(operation, deadline, action, attempt, failure, result));
  }

  private <T> void onFailure(
      String operation,
      Deadline deadline,
      Supplier<Future<T>> action,
      int attempt,
      Throwable failure,
      Promise<T> result) {
    String why = null;
    Duration delay = Duration.ZERO;
    if (!retryable.test(failure)) {
      why = "the failure is final";
    } else if (attempt >= policy.maxAttempts()) {
      why = "no attempts left";
    } else {
      delay = policy.delayAfter(attempt, jitter.getAsDouble());
      if (delay.compareTo(deadline.remaining()) >= 0) {
        why = "the deadline leaves no room for a wait of " + delay.toMillis() + " ms";
        delay = Duration.ZERO;
      }
    }
    RetryEvent event = new RetryEvent(operation, attempt, policy.maxAttempts(), delay, failure);
    String tries = policy.maxAttempts() == RetryPolicy.UNLIMITED ? Integer.toString(attempt) : attempt + "/" + policy.maxAttempts();
    if (why != null) {
      if (retryable.test(failure)) {
        LOG.warn("{} attempt {} failed ({}); giving up: {}", operation, tries, describe(failure), why);
      } else {
        LOG.debug("{} attempt {} failed ({}); {}", operation, tries, describe(failure), why);
      }
      listener.onGiveUp(event);
      result.fail(failure);
      return;
    }
    LOG.info("{} attempt {} failed ({}); retrying in {} ms", operation, tries, describe(failure), delay.toMillis());
    listener.onRetry(event);
    vertx.setTimer(Math.max(1L, delay.toMillis()), id -> attempt(operation, deadline, action, attempt + 1, result));
  }

  private static String describe(Throwable failure) {
    if (failure instanceof ShellbusException se) {
      return se.code() + ": " + se.getMessage();
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
