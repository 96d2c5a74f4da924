package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the gateway's labels say about one session sandbox, enough for any worker to serve the
 * session's next call: the sandbox (id and name), its phase, the idle TTL, the absolute expiry,
 * and which request and attempt opened it.
 *
 * @param sandbox the gateway's record of the sandbox
 * @param idleTtl how long the session may sit idle
 * @param expiresAt when the session must end at the latest
 * @param openedBy the (label form of the) request id that opened it
 * @param attempt the attempt that opened it
 */
public record SessionInfo(SandboxInfo sandbox, Duration idleTtl, Instant expiresAt, String openedBy, int attempt) {
  /** Reads the session labels of a sandbox; missing or malformed numbers read as zero. */
  public static SessionInfo of(SandboxInfo sandbox) {
    Map<String, String> labels = sandbox.labels();
    return new SessionInfo(sandbox, Duration.ofSeconds(SandboxLabels.number(labels, SandboxLabels.IDLE_TTL)),
        Instant.ofEpochSecond(SandboxLabels.number(labels, SandboxLabels.EXPIRES_AT)),
        labels.getOrDefault(SandboxLabels.REQUEST, ""), (int) SandboxLabels.number(labels, SandboxLabels.ATTEMPT));
  }

  /** Whether the session is past its absolute expiry at {@code now}. */
  public boolean expired(Instant now) {
    return expiresAt.getEpochSecond() > 0 && !now.isBefore(expiresAt);
  }
}
