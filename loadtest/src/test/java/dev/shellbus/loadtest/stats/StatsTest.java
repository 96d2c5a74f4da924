package dev.shellbus.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.loadtest.kafka.Arrival;
import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.plan.Workload;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void latencyCountsFromTheIntendedStartSoAStallIsNotOmitted() {
    Stats stats = new Stats(0);
    Workload job = Workload.parse("job");
    // Scheduled at 0 and 10 ms; the generator stalled and sent both at 500 ms; results at 510 and 520 ms.
    Arrival first = new Arrival(job, 0, true);
    Arrival second = new Arrival(job, 10 * MS, true);
    stats.record("job", first, first.intendedNanos(), Outcome.failed("a", "SUCCEEDED", 500 * MS, 510 * MS));
    stats.record("job", second, second.intendedNanos(), Outcome.failed("b", "SUCCEEDED", 500 * MS, 520 * MS));
    TypeStats.Snapshot s = stats.snapshots().get(0);
    assertThat(s.latency().getMinValue()).isBetween(509_000L, 511_000L);
    assertThat(s.latency().getMaxValue()).isBetween(509_000L, 511_000L);
  }

  @Test
  void countsErrorsByCodeAndLeavesWarmupOut() {
    Stats stats = new Stats(0);
    Workload job = Workload.parse("job");
    stats.record("job", new Arrival(job, 0, true), 0, Outcome.failed("a", Outcome.NO_RESULT, 0, MS));
    stats.record("job", new Arrival(job, 0, true), 0, Outcome.failed("b", "SUCCEEDED", 0, 2 * MS));
    stats.record("job", new Arrival(job, 0, false), 0, Outcome.failed("c", "SUCCEEDED", 0, 3 * MS));
    Arrival ready = new Arrival(job, 0, true);
    stats.sandboxReady(ready, 4 * MS);
    TypeStats.Snapshot s = stats.snapshots().get(0);
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.errors()).containsEntry(Outcome.NO_RESULT, 1L);
    assertThat(s.ready().getTotalCount()).isEqualTo(1);
    assertThat(s.timeline()).hasSize(1);
  }

  @Test
  void keepsTheFirstMessageOfEachErrorCodeCutToBoundedLength() {
    TypeStats t = new TypeStats("job", 0);
    t.errorSample("ARTIFACT_FAILED", "manifest upload failed: 503");
    t.errorSample("ARTIFACT_FAILED", "a later message");
    t.errorSample("STEP_FAILED", "x".repeat(1000));
    t.errorSample("NO_RESULT", null);
    TypeStats.Snapshot s = t.snapshot();
    assertThat(s.errorSamples()).containsOnlyKeys("ARTIFACT_FAILED", "STEP_FAILED");
    assertThat(s.errorSamples().get("ARTIFACT_FAILED")).isEqualTo("manifest upload failed: 503");
    assertThat(s.errorSamples().get("STEP_FAILED")).hasSize(303).endsWith("...");
  }

  @Test
  void timelineGroupsCompletionsBySecond() {
    Timeline t = new Timeline(0);
    t.record(100 * MS, 1000);
    t.record(900 * MS, 3000);
    t.record(1500 * MS, 2000);
    assertThat(t.points()).extracting(LatencyPoint::second, LatencyPoint::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2L), org.assertj.core.groups.Tuple.tuple(1L, 1L));
  }
}
