package dev.shellbus.loadtest.run;

import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Workload;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two arrival models. Both start arrivals through an {@link ArrivalRunner} and track them in {@link InFlight}.
 *
 * <p>Open: the calling thread computes each arrival's intended start (uniform gaps of {@code 1/rate}, or exponential
 * ones for Poisson arrivals), parks until then and starts it. If starting is slow the thread falls behind, later
 * arrivals start late, and their latency still counts from the intended start. Closed: each user starts its next
 * arrival when the previous one finished, on {@code executor}.
 */
final class Drivers {

  private Drivers() {}

  static void open(LoadPlan plan, ArrivalRunner runner, InFlight inFlight, long originNanos) {
    Random random = new Random(plan.seed());
    long end = plan.duration().isZero() ? Long.MAX_VALUE : originNanos + plan.duration().toNanos();
    long warmupEnd = originNanos + plan.warmup().toNanos();
    double gapNanos = 1e9 / plan.rate();
    double offset = 0;
    for (long i = 0; plan.count() <= 0 || i < plan.count(); i++) {
      long intended = originNanos + (long) offset;
      if (intended - end >= 0) {
        break;
      }
      parkUntil(intended);
      Workload w = plan.mix().pick(random);
      inFlight.track(runner.start(w, intended, intended - warmupEnd >= 0));
      offset += plan.poisson() ? -Math.log(1 - random.nextDouble()) * gapNanos : gapNanos;
    }
  }

  static void closed(LoadPlan plan, ArrivalRunner runner, InFlight inFlight, long originNanos, Executor executor) {
    Random random = new Random(plan.seed());
    long end = plan.duration().isZero() ? Long.MAX_VALUE : originNanos + plan.duration().toNanos();
    long warmupEnd = originNanos + plan.warmup().toNanos();
    AtomicLong budget = new AtomicLong(plan.count() > 0 ? plan.count() : Long.MAX_VALUE);
    CompletableFuture<?>[] users = new CompletableFuture<?>[plan.concurrency()];
    for (int u = 0; u < users.length; u++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      users[u] = done;
      executor.execute(() -> next(plan, runner, inFlight, random, budget, end, warmupEnd, executor, done));
    }
    CompletableFuture.allOf(users).join();
  }

  private static void next(LoadPlan plan, ArrivalRunner runner, InFlight inFlight, Random random, AtomicLong budget,
      long end, long warmupEnd, Executor executor, CompletableFuture<Void> done) {
    long now = System.nanoTime();
    if (now - end >= 0 || budget.getAndDecrement() <= 0) {
      done.complete(null);
      return;
    }
    Workload w;
    synchronized (random) {
      w = plan.mix().pick(random);
    }
    CompletableFuture<Void> arrival = runner.start(w, now, now - warmupEnd >= 0);
    inFlight.track(arrival);
    arrival.whenCompleteAsync((v, e) -> next(plan, runner, inFlight, random, budget, end, warmupEnd, executor, done),
        executor);
  }

  private static void parkUntil(long deadlineNanos) {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
