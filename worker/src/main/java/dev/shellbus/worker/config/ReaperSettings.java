package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import java.time.Duration;

/**
 * The {@code reaper.*} part of the configuration: the rules of {@code shellbus reaper} and its lease.
 *
 * @param interval how often a pass runs
 * @param dryRun list what would be reaped, delete nothing
 * @param keepSandboxTtl how long a kept job sandbox stays after its job ended, unless the request says
 * @param deadWorkerIntervals missed heartbeat intervals after which a worker is dead
 * @param grace how long a finished request's (or closed session's) sandbox may linger before its delete counts as failed
 * @param leftoverAge age after which a job sandbox that no request state knows is a leftover
 * @param activityLookback how far back the lifecycle topic is read at start
 * @param groupId consumer group of the reapers
 * @param leaseTopic the one-partition topic whose owner is the active reaper
 * @param leaseTimeout session timeout of the lease membership
 * @param managementPort port of the reaper's health and metrics
 */
public record ReaperSettings(Duration interval, boolean dryRun, Duration keepSandboxTtl, int deadWorkerIntervals,
    Duration grace, Duration leftoverAge, Duration activityLookback, String groupId, String leaseTopic,
    Duration leaseTimeout, int managementPort) {

  static ReaperSettings from(ConfigValues v) {
    return new ReaperSettings(v.get(REAPER_INTERVAL), v.get(REAPER_DRY_RUN), v.get(REAPER_KEEP_TTL),
        v.get(REAPER_DEAD_AFTER), v.get(REAPER_GRACE), v.get(REAPER_LEFTOVER_AGE), v.get(REAPER_LOOKBACK),
        v.get(REAPER_GROUP), v.get(TOPIC_REAPER), v.get(REAPER_LEASE_TIMEOUT), v.get(REAPER_MANAGEMENT_PORT));
  }

  /** Returns these settings with dry run on or off (the {@code --dry-run} flag). */
  public ReaperSettings withDryRun(boolean on) {
    return new ReaperSettings(interval, on, keepSandboxTtl, deadWorkerIntervals, grace, leftoverAge,
        activityLookback, groupId, leaseTopic, leaseTimeout, managementPort);
  }
}
