package dev.shellbus.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latency over time: completions grouped by the second they happened in, each second summarised as count, p50, p99
 * and max. Only the current second's histogram is kept, so memory does not grow with samples; a completion reported
 * late (for an earlier second) is counted in the current one.
 */
final class Timeline {

  private final long originNanos;
  private final Histogram current = new Histogram(Stats.HIGHEST_MICROS, 2);
  private final List<LatencyPoint> points = new ArrayList<>();
  private long currentSecond = -1;

  Timeline(long originNanos) {
    this.originNanos = originNanos;
  }

  void record(long endNanos, long latencyMicros) {
    long second = Math.max(0, (endNanos - originNanos) / 1_000_000_000L);
    if (second > currentSecond) {
      flush();
      currentSecond = second;
    }
    current.recordValue(Stats.clamp(latencyMicros));
  }

  List<LatencyPoint> points() {
    flush();
    return List.copyOf(points);
  }

  private void flush() {
    if (currentSecond >= 0 && current.getTotalCount() > 0) {
      points.add(new LatencyPoint(currentSecond, current.getTotalCount(), current.getValueAtPercentile(50) / 1000.0,
          current.getValueAtPercentile(99) / 1000.0, current.getMaxValue() / 1000.0));
      current.reset();
    }
  }
}
