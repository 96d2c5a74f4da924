package dev.shellbus.loadtest.bench;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers of the benchmarks: waiting for a Vert.x future from a plain thread, medians. */
final class Bench {

  private Bench() {}

  /** Waits (at most ten minutes) for a future from a thread that is not an event loop. */
  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer in ten minutes", e);
    }
  }

  /** The median of the values (the mean of the middle two for an even count); NaN when empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Milliseconds from microseconds, rounded to 0.01. */
  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  /** Mebibytes from bytes, rounded to 0.1. */
  static double mib(long bytes) {
    return Math.round(bytes / 104857.6) / 10.0;
  }
}
