package dev.shellbus.worker.reaper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reaper's meters: {@code shellbus_reaper_reaped_total{rule}}, {@code shellbus_reaper_would_reap_total{rule}}
 * (dry run), {@code shellbus_reaper_delete_failures_total}, {@code shellbus_reaper_pass_seconds} (reconcile
 * duration), {@code shellbus_reaper_oldest_sandbox_age_seconds} and {@code shellbus_reaper_sandboxes} (of the last
 * pass), and {@code shellbus_reaper_active} (1 while this reaper holds the lease).
 */
final class ReaperMetrics {

  private final Map<ReapRule, Counter> reaped = new EnumMap<>(ReapRule.class);
  private final Map<ReapRule, Counter> wouldReap = new EnumMap<>(ReapRule.class);
  private final Counter deleteFailures;
  private final Timer pass;
  private final AtomicLong oldestSeconds = new AtomicLong();
  private final AtomicLong sandboxes = new AtomicLong();
  private final AtomicLong active = new AtomicLong();

  ReaperMetrics(MeterRegistry registry) {
    for (ReapRule rule : ReapRule.values()) {
      reaped.put(rule, Counter.builder("shellbus.reaper.reaped").tag("rule", rule.label())
          .description("Sandboxes the reaper deleted, by rule").register(registry));
      wouldReap.put(rule, Counter.builder("shellbus.reaper.would.reap").tag("rule", rule.label())
          .description("Sandboxes a dry-run pass would have deleted, by rule").register(registry));
    }
    deleteFailures = Counter.builder("shellbus.reaper.delete.failures")
        .description("Deletes the gateway refused or that failed; the next pass tries again").register(registry);
    pass = Timer.builder("shellbus.reaper.pass").description("Duration of one reconcile pass").register(registry);
    Gauge.builder("shellbus.reaper.oldest.sandbox.age", oldestSeconds, AtomicLong::get).baseUnit("seconds")
        .description("Age of the oldest shellbus sandbox seen by the last pass").register(registry);
    Gauge.builder("shellbus.reaper.sandboxes", sandboxes, AtomicLong::get)
        .description("Shellbus sandboxes seen by the last pass").register(registry);
    Gauge.builder("shellbus.reaper.active", active, AtomicLong::get)
        .description("1 while this reaper holds the lease").register(registry);
  }

  void reaped(ReapRule rule) {
    reaped.get(rule).increment();
  }

  void wouldReap(ReapRule rule) {
    wouldReap.get(rule).increment();
  }

  void deleteFailed() {
    deleteFailures.increment();
  }

  void passed(Duration took, int seen, Duration oldest) {
    pass.record(took);
    sandboxes.set(seen);
    oldestSeconds.set(oldest.toSeconds());
  }

  void active(boolean on) {
    active.set(on ? 1 : 0);
  }

  double reapedCount(ReapRule rule) {
    return reaped.get(rule).count();
  }
}
