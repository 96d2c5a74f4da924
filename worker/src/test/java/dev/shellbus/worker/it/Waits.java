package dev.shellbus.worker.it;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits: futures with a timeout, conditions polled until a deadline (no sleeps to wait for results). */
final class Waits {

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private Waits() {}

  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed within " + TIMEOUT + ": " + e, e);
    }
  }

  static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
    until(what, TIMEOUT, condition, state);
  }

  static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; state: " + state.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
  }
}
