package dev.shellbus.worker.kafka;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for the integration tests: futures with a timeout, conditions polled until a deadline. */
final class Await {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed within " + TIMEOUT + ": " + e, e);
    }
  }

  static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete within " + TIMEOUT, e);
    }
    throw new AssertionError("future succeeded, expected a failure");
  }

  /** Polls {@code condition} until it holds; fails with {@code what} and the last {@code state} after the timeout. */
  static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; state: " + state.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  static void until(String what, BooleanSupplier condition) {
    until(what, condition, () -> "");
  }
}
