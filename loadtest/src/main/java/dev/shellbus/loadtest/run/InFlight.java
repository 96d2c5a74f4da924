package dev.shellbus.loadtest.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts arrivals started and finished, and lets the driver wait until every started one has finished. */
final class InFlight {

  private final AtomicLong started = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final Object lock = new Object();

  void track(CompletableFuture<Void> arrival) {
    started.incrementAndGet();
    arrival.whenComplete((v, e) -> {
      finished.incrementAndGet();
      synchronized (lock) {
        lock.notifyAll();
      }
    });
  }

  long started() {
    return started.get();
  }

  long finished() {
    return finished.get();
  }

  /** Waits until all started arrivals have finished; false when {@code timeout} passed first. */
  boolean awaitAll(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (finished.get() < started.get()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
    return true;
  }
}
