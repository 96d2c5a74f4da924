package dev.shellbus.loadtest.stats;

import dev.shellbus.loadtest.kafka.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Figures of one request type (a workload name, or a part of one such as {@code session/3.exec}).
 *
 * <p>All histograms are in microseconds with three significant digits. {@code latency} is end to end: for an arrival,
 * from its intended start to its result; for a part of a session, from the moment that request was sent (it depends
 * on the previous result, so it has no schedule of its own). {@code beyondSteps} is the latency minus the time the
 * worker reports its steps ran: what shellbus, Kafka and the gateway's create/delete added. Thread-safe.
 */
public final class TypeStats {

  private static final int MAX_SAMPLE = 300;

  private final String name;
  private final Histogram latency = new Histogram(Stats.HIGHEST_MICROS, 3);
  private final Histogram ready = new Histogram(Stats.HIGHEST_MICROS, 3);
  private final Histogram firstStep = new Histogram(Stats.HIGHEST_MICROS, 3);
  private final Histogram beyondSteps = new Histogram(Stats.HIGHEST_MICROS, 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, String> errorSamples = new TreeMap<>();
  private final Map<String, Histogram> phases = new java.util.LinkedHashMap<>();
  private final Timeline timeline;
  private long succeeded;
  private long failed;
  private long firstStartNanos = Long.MAX_VALUE;
  private long lastEndNanos = Long.MIN_VALUE;

  TypeStats(String name, long originNanos) {
    this.name = name;
    this.timeline = new Timeline(originNanos);
  }

  /** Returns the type's name. */
  public String name() {
    return name;
  }

  synchronized void complete(long startNanos, long endNanos, boolean ok, String failureCode, long stepMicros) {
    long micros = Math.max(0, (endNanos - startNanos) / 1000);
    latency.recordValue(Stats.clamp(micros));
    timeline.record(endNanos, micros);
    if (ok) {
      succeeded++;
      beyondSteps.recordValue(Stats.clamp(Math.max(0, micros - stepMicros)));
    } else {
      failed++;
      errors.merge(failureCode, 1L, Long::sum);
    }
    firstStartNanos = Math.min(firstStartNanos, startNanos);
    lastEndNanos = Math.max(lastEndNanos, endNanos);
  }

  /** Keeps the first message seen for {@code code}, so that a report can say what a failure was. */
  synchronized void errorSample(String code, String message) {
    if (message != null) {
      errorSamples.putIfAbsent(code,
          message.length() > MAX_SAMPLE ? message.substring(0, MAX_SAMPLE) + "..." : message);
    }
  }

  synchronized void phases(Outcome outcome) {
    for (Phases.Phase p : Phases.of(outcome)) {
      phases.computeIfAbsent(p.name(), n -> new Histogram(Stats.HIGHEST_MICROS, 3))
          .recordValue(Stats.clamp(p.millis() * 1000));
    }
  }

  synchronized void ready(long micros) {
    ready.recordValue(Stats.clamp(micros));
  }

  synchronized void firstStep(long micros) {
    firstStep.recordValue(Stats.clamp(micros));
  }

  /** Returns a consistent copy of the figures. */
  public synchronized Snapshot snapshot() {
    double seconds = lastEndNanos > firstStartNanos ? (lastEndNanos - firstStartNanos) / 1e9 : 0;
    return new Snapshot(name, succeeded, failed, seconds, latency.copy(), ready.copy(), firstStep.copy(),
        beyondSteps.copy(), Map.copyOf(errors), Map.copyOf(errorSamples), timeline.points(), copy(phases));
  }

  private static Map<String, Histogram> copy(Map<String, Histogram> phases) {
    Map<String, Histogram> copy = new java.util.LinkedHashMap<>();
    phases.forEach((k, v) -> copy.put(k, v.copy()));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Immutable figures of one type.
   *
   * @param name the type
   * @param succeeded requests (or arrivals) that succeeded
   * @param failed those that did not, by code in {@code errors}
   * @param windowSeconds from the first start to the last completion
   * @param latency end-to-end latency, microseconds
   * @param ready time to sandbox ready from the intended start, microseconds
   * @param firstStep time to the first started step from the intended start, microseconds
   * @param beyondSteps latency minus reported step time, successful requests only, microseconds
   * @param errors failures by error code (or status)
   * @param errorSamples the first error message seen per code, at most 300 characters (codes of results only)
   * @param timeline latency per second of the run
   * @param phases successful requests' latency split at the milestones of their results, microseconds
   */
  public record Snapshot(String name, long succeeded, long failed, double windowSeconds, Histogram latency,
      Histogram ready, Histogram firstStep, Histogram beyondSteps, Map<String, Long> errors,
      Map<String, String> errorSamples, List<LatencyPoint> timeline, Map<String, Histogram> phases) {

    /** Returns all completions. */
    public long count() {
      return succeeded + failed;
    }

    /** Returns completions (failures included) per second over the type's window. */
    public double throughput() {
      return windowSeconds > 0 ? count() / windowSeconds : 0;
    }

    /** Returns successful completions per second over the type's window. */
    public double successThroughput() {
      return windowSeconds > 0 ? succeeded / windowSeconds : 0;
    }
  }
}
