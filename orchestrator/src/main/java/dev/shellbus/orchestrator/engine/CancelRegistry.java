package dev.shellbus.orchestrator.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests running on this engine, by request id, so a Cancel can reach them; and a bounded
 * memory of cancels that arrived before their target (the target then finishes CANCELLED as soon
 * as it is accepted). Thread-safe: a Cancel may be handled on another context than its target,
 * which it reaches through that target's context.
 */
final class CancelRegistry {
  private static final int REMEMBERED = 10_000;

  private final Map<String, RequestDriver> running = new ConcurrentHashMap<>();
  private final Map<String, String> early = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED;
    }
  };

  void register(String requestId, RequestDriver driver) {
    running.put(requestId, driver);
  }

  void unregister(String requestId, RequestDriver driver) {
    running.remove(requestId, driver);
  }

  /** A cancel that arrived before its target, consumed on first look. */
  synchronized String takeEarlyCancel(String requestId) {
    return early.remove(requestId);
  }

  /**
   * Cancels a running request, or remembers the cancel for when it arrives.
   *
   * @return whether a running request was found
   */
  boolean cancel(String requestId, String reason) {
    RequestDriver driver = running.get(requestId);
    if (driver == null) {
      synchronized (this) {
        early.put(requestId, reason);
      }
      return false;
    }
    driver.cancel(reason);
    return true;
  }

  /** The ids of running requests (for heartbeats and drain). */
  Map<String, RequestDriver> running() {
    return new HashMap<>(running);
  }
}
