package dev.shellbus.devkit.gateway;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for futures and conditions with a deadline, never with a bare sleep. */
final class Await {

  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private Await() {}

  /** Returns the result of {@code future}, or throws its failure (unwrapped), or times out. */
  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (TimeoutException | InterruptedException timedOut) {
      throw new AssertionError("no result within " + TIMEOUT, timedOut);
    }
  }

  /** Returns the failure of {@code future} as an {@link RpcFailure}; fails the test when it succeeds. */
  static RpcFailure failure(Future<?> future) {
    try {
      Object value = result(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (RpcFailure failure) {
      return failure;
    }
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
  static void until(String what, Duration timeout, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  /** Polls with the default timeout. */
  static void until(String what, Supplier<Boolean> condition) {
    until(what, TIMEOUT, condition);
  }
}
