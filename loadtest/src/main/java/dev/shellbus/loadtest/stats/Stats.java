package dev.shellbus.loadtest.stats;

import dev.shellbus.loadtest.kafka.Arrival;
import dev.shellbus.loadtest.kafka.ArrivalListener;
import dev.shellbus.loadtest.kafka.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of one run, per request type, fed by the scenarios (outcomes) and the collector (ready and first step).
 * Warm-up arrivals are not recorded.
 */
public final class Stats implements ArrivalListener {

  /** The largest latency a histogram tracks: one hour, in microseconds. */
  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private final long originNanos;
  private final Map<String, TypeStats> types = new ConcurrentHashMap<>();

  /** Creates the figures of a run that starts at {@code originNanos} ({@link System#nanoTime()}). */
  public Stats(long originNanos) {
    this.originNanos = originNanos;
  }

  /** Returns the run's time origin. */
  public long originNanos() {
    return originNanos;
  }

  /** Records one request (or arrival) under {@code type}, timed from {@code startNanos}. */
  public void record(String type, Arrival arrival, long startNanos, Outcome outcome) {
    if (arrival.measured() && outcome.succeeded()) {
      type(type).phases(outcome);
    }
    record(type, arrival, startNanos, outcome.receivedNanos(), outcome.succeeded(), outcome.failureCode(),
        outcome.stepMillis() * 1000);
    if (arrival.measured() && !outcome.succeeded()) {
      type(type).errorSample(outcome.failureCode(), outcome.failureMessage());
    }
  }

  /** Records a completion that is not a single request's outcome (e.g. a whole session). */
  public void record(String type, Arrival arrival, long startNanos, long endNanos, boolean ok, String failureCode,
      long stepMicros) {
    if (arrival.measured()) {
      type(type).complete(startNanos, endNanos, ok, failureCode, stepMicros);
    }
  }

  @Override
  public void sandboxReady(Arrival arrival, long nanos) {
    if (arrival.measured()) {
      type(arrival.workload().name()).ready((nanos - arrival.intendedNanos()) / 1000);
    }
  }

  @Override
  public void firstStepStarted(Arrival arrival, long nanos) {
    if (arrival.measured()) {
      type(arrival.workload().name()).firstStep((nanos - arrival.intendedNanos()) / 1000);
    }
  }

  /** Returns snapshots of every type, sorted by name. */
  public List<TypeStats.Snapshot> snapshots() {
    return types.values().stream().map(TypeStats::snapshot)
        .sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  private TypeStats type(String name) {
    return types.computeIfAbsent(name, n -> new TypeStats(n, originNanos));
  }

  static long clamp(long micros) {
    return Math.max(1, Math.min(micros, HIGHEST_MICROS));
  }
}
