package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import dev.shellbus.events.validation.Limits;
import dev.shellbus.orchestrator.engine.LogObjects;
import java.time.Duration;

/**
 * The {@code engine.*} part of the configuration: limits of request processing.
 *
 * @param inlineOutputBytes bytes of each output stream's head, and of its tail, carried inline
 * @param cleanupGrace how long past the deadline clean-up may run
 * @param defaultDeadline the longest a request may run
 * @param maxAttempts attempts before an interrupted request fails with INTERRUPTED
 * @param maxSessionLifetime the longest a session may live
 * @param maxInlineTotalBytes inline inputs plus stdin accepted in one request
 * @param logObjects which output streams are also stored as log objects
 * @param lanes event loops requests run on (at least 1; {@code engine.lanes} 0 resolved to the processors)
 */
public record EngineSettings(int inlineOutputBytes, Duration cleanupGrace, Duration defaultDeadline,
    int maxAttempts, Duration maxSessionLifetime, long maxInlineTotalBytes, LogObjects logObjects, int lanes) {

  static EngineSettings from(ConfigValues v) {
    long inline = v.get(INLINE_OUTPUT);
    if (inline > Limits.OUTPUT_HEAD_BYTES) {
      throw new ConfigException(INLINE_OUTPUT.name(), "at most " + Limits.OUTPUT_HEAD_BYTES + " bytes (the "
          + "result schema's limit), got " + inline);
    }
    long total = v.get(MAX_INLINE_TOTAL);
    if (total > Limits.MAX_INLINE_TOTAL_BYTES) {
      throw new ConfigException(MAX_INLINE_TOTAL.name(), "at most " + Limits.MAX_INLINE_TOTAL_BYTES + " bytes, got "
          + total);
    }
    return new EngineSettings((int) inline, v.get(CLEANUP_GRACE), v.get(DEFAULT_DEADLINE), v.get(MAX_ATTEMPTS),
        v.get(MAX_SESSION_LIFETIME), total,
        v.get(LOG_OBJECTS).equals("when-truncated") ? LogObjects.WHEN_TRUNCATED : LogObjects.ALWAYS,
        v.get(LANES) == 0 ? Runtime.getRuntime().availableProcessors() : v.get(LANES));
  }
}
