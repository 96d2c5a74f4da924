package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import dev.shellbus.orchestrator.outage.Breaker;
import java.time.Duration;

/**
 * The management port and the readiness checks behind it.
 *
 * @param enabled whether the port is served
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param healthInterval how often the gateway and Kafka are checked
 * @param healthTimeout how long one check may take
 * @param outage when the gateway's and the store's breakers open and how often they probe (a probe may take
 *     {@code healthTimeout})
 */
public record ManagementSettings(boolean enabled, String host, int port, Duration healthInterval,
    Duration healthTimeout, Breaker.Policy outage) {

  static ManagementSettings from(ConfigValues v) {
    return new ManagementSettings(v.get(MANAGEMENT_ENABLED), v.get(MANAGEMENT_HOST), v.get(MANAGEMENT_PORT),
        v.get(HEALTH_INTERVAL), v.get(HEALTH_TIMEOUT),
        new Breaker.Policy(v.get(OUTAGE_THRESHOLD), v.get(OUTAGE_PROBE_INTERVAL), v.get(HEALTH_TIMEOUT)));
  }
}
