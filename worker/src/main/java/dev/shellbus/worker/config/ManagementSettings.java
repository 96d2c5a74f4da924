package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import java.time.Duration;

/**
 * The management port and the readiness checks behind it.
 *
 * @param enabled whether the port is served
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param healthInterval how often the gateway and Kafka are checked
 * @param healthTimeout how long one check may take
 */
public record ManagementSettings(boolean enabled, String host, int port, Duration healthInterval,
    Duration healthTimeout) {

  static ManagementSettings from(ConfigValues v) {
    return new ManagementSettings(v.get(MANAGEMENT_ENABLED), v.get(MANAGEMENT_HOST), v.get(MANAGEMENT_PORT),
        v.get(HEALTH_INTERVAL), v.get(HEALTH_TIMEOUT));
  }
}
