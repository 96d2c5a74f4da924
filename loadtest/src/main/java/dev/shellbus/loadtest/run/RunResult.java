package dev.shellbus.loadtest.run;

import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.stats.TypeStats;
import java.time.Instant;
import java.util.List;

/**
 * What one generator run measured.
 *
 * @param plan what was offered
 * @param runId the id every request id of the run carries
 * @param startedAt wall-clock start
 * @param issueSeconds how long it took to start every arrival
 * @param totalSeconds from start until the last arrival finished (or the wait gave up)
 * @param arrivalsStarted arrivals started, warm-up included
 * @param arrivalsFinished arrivals finished
 * @param requestsSent requests published
 * @param undecodable result or lifecycle records that could not be decoded
 * @param types the figures per request type, warm-up excluded
 */
public record RunResult(LoadPlan plan, String runId, Instant startedAt, double issueSeconds, double totalSeconds,
    long arrivalsStarted, long arrivalsFinished, long requestsSent, long undecodable, List<TypeStats.Snapshot> types) {

  /** Returns whether every arrival started also finished (got terminal results or was given up as NO_RESULT). */
  public boolean complete() {
    return arrivalsFinished == arrivalsStarted;
  }

  /** Returns the figures of {@code type}, or null. */
  public TypeStats.Snapshot type(String name) {
    return types.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }
}
