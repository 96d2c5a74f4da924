package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.transfer.TransferLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's settings (the worker builds them from its validated config tree).
 *
 * @param bucket the bucket logs, artifacts, manifests and snapshots go to
 * @param keyPrefix the key prefix under which each request gets {@code <request>/<attempt>/...}; may be empty
 * @param inlineHeadBytes how many leading bytes of each output stream a result carries inline
 * @param inlineTailBytes how many trailing bytes of each output stream a result carries inline
 * @param cleanupGrace how long past the request deadline clean-up (kill, delete, manifest) may still run
 * @param transfer size rules for moving bytes through exec
 * @param maxNotReadyRetries how often an exec is retried after the sandbox answered not ready
 * @param uploadHighWaterBytes how far an upload may fall behind before its source exec is paused
 * @param workspaceDir the sandbox workspace that snapshots cover
 * @param killOnInterrupt whether steps record their pid so that a cancel or timeout can kill them in a sandbox that stays
 * @param maxSessionLifetime the longest a session may live, written into its {@code expires-at} label
 * @param clock the clock for timings and labels
 * @param workspace the gateway workspace for sandboxes whose request names none, and where sessions are looked up
 * @param logObjects which output streams are also stored as log objects
 */
public record EngineConfig(String bucket, String keyPrefix, int inlineHeadBytes, int inlineTailBytes, Duration cleanupGrace,
    TransferLimits transfer, int maxNotReadyRetries, long uploadHighWaterBytes, String workspaceDir, boolean killOnInterrupt,
    Duration maxSessionLifetime, Clock clock, String workspace, LogObjects logObjects) {
  /** The default inline limit per stream and end (64 KiB). */
  public static final int DEFAULT_INLINE = 64 * 1024;

  public EngineConfig {
    Objects.requireNonNull(bucket, "bucket");
    keyPrefix = keyPrefix == null ? "" : keyPrefix.replaceAll("^/+|/+$", "");
    Objects.requireNonNull(cleanupGrace, "cleanupGrace");
    Objects.requireNonNull(transfer, "transfer");
    Objects.requireNonNull(workspaceDir, "workspaceDir");
    Objects.requireNonNull(maxSessionLifetime, "maxSessionLifetime");
    Objects.requireNonNull(clock, "clock");
    workspace = workspace == null ? "" : workspace;
    Objects.requireNonNull(logObjects, "logObjects");
    if (inlineHeadBytes < 0 || inlineTailBytes < 0) {
      throw new IllegalArgumentException("inline limits must not be negative");
    }
  }

  /**
   * Defaults: 64 KiB head and tail, 5 s clean-up grace, 3 not-ready retries, 1 MiB high water, /sandbox, 24 h
   * sessions, the default workspace, every output stream stored.
   */
  public static EngineConfig defaults(String bucket, String keyPrefix) {
    return new EngineConfig(bucket, keyPrefix, DEFAULT_INLINE, DEFAULT_INLINE, Duration.ofSeconds(5), TransferLimits.DEFAULT,
        3, 1024 * 1024, "/sandbox", true, Duration.ofHours(24), Clock.systemUTC(), "", LogObjects.ALWAYS);
  }

  /** The same config with other inline limits. */
  public EngineConfig withInline(int head, int tail) {
    return new EngineConfig(bucket, keyPrefix, head, tail, cleanupGrace, transfer, maxNotReadyRetries, uploadHighWaterBytes,
        workspaceDir, killOnInterrupt, maxSessionLifetime, clock, workspace, logObjects);
  }

  /** The same config with another longest session lifetime. */
  public EngineConfig withMaxSessionLifetime(Duration lifetime) {
    return new EngineConfig(bucket, keyPrefix, inlineHeadBytes, inlineTailBytes, cleanupGrace, transfer,
        maxNotReadyRetries, uploadHighWaterBytes, workspaceDir, killOnInterrupt, lifetime, clock, workspace, logObjects);
  }

  /** The same config with another clean-up grace. */
  public EngineConfig withCleanupGrace(Duration grace) {
    return new EngineConfig(bucket, keyPrefix, inlineHeadBytes, inlineTailBytes, grace, transfer, maxNotReadyRetries,
        uploadHighWaterBytes, workspaceDir, killOnInterrupt, maxSessionLifetime, clock, workspace, logObjects);
  }

  /** The same config with another default workspace. */
  public EngineConfig withWorkspace(String defaultWorkspace) {
    return new EngineConfig(bucket, keyPrefix, inlineHeadBytes, inlineTailBytes, cleanupGrace, transfer, maxNotReadyRetries,
        uploadHighWaterBytes, workspaceDir, killOnInterrupt, maxSessionLifetime, clock, defaultWorkspace, logObjects);
  }

  /** The same config with another log object policy. */
  public EngineConfig withLogObjects(LogObjects policy) {
    return new EngineConfig(bucket, keyPrefix, inlineHeadBytes, inlineTailBytes, cleanupGrace, transfer, maxNotReadyRetries,
        uploadHighWaterBytes, workspaceDir, killOnInterrupt, maxSessionLifetime, clock, workspace, policy);
  }
}
