package dev.shellbus.devkit.conformance;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition with a deadline: 20 ms between the first polls, doubling to at most 500 ms. */
final class Poll {

  private Poll() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
   */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseNanos = Duration.ofMillis(20).toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(Math.min(pauseNanos, left));
      pauseNanos = Math.min(pauseNanos * 2, Duration.ofMillis(500).toNanos());
    }
  }
}
