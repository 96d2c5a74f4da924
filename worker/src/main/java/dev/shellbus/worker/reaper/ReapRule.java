package dev.shellbus.worker.reaper;

import dev.shellbus.events.v1.LifecycleType;

/**
 * Why the reaper removes a sandbox. Each rule has a name (in receipts, logs and the {@code rule} tag of the reaper's
 * meters) and the lifecycle type of its receipt: sessions that ended by time get {@code SESSION_EXPIRED}, everything
 * else {@code REAPED}. README "Reaper" lists the rules with their configuration keys.
 */
public enum ReapRule {
  /** A session idle (no call running, none for its idle TTL) past its idle TTL. */
  SESSION_IDLE("session-idle", LifecycleType.SESSION_EXPIRED),
  /** A session past its maximum lifetime ({@code shellbus.dev/expires-at}). */
  SESSION_LIFETIME("session-lifetime", LifecycleType.SESSION_EXPIRED),
  /** The sandbox of a {@code keep_sandbox} job, past its keep TTL after the job ended. */
  KEEP_TTL("keep-ttl", LifecycleType.REAPED),
  /** The sandbox of an unfinished attempt whose worker is dead. */
  DEAD_WORKER("dead-worker", LifecycleType.REAPED),
  /** A sandbox that should be gone (its request finished, its attempt was superseded, its session closed). */
  DELETE_FAILED("delete-failed", LifecycleType.REAPED),
  /** A job sandbox with shellbus's labels whose request no request state knows. */
  LEFTOVER("leftover", LifecycleType.REAPED);

  private final String label;
  private final LifecycleType receipt;

  ReapRule(String label, LifecycleType receipt) {
    this.label = label;
    this.receipt = receipt;
  }

  /** The rule's name in receipts, logs and meters. */
  public String label() {
    return label;
  }

  /** The lifecycle type of the receipt. */
  public LifecycleType receipt() {
    return receipt;
  }
}
