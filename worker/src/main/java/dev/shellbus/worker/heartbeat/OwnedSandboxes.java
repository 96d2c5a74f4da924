package dev.shellbus.worker.heartbeat;

import dev.shellbus.events.v1.OwnedSandbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandboxes this worker created and has not yet deleted, by name, for heartbeats and the owned-sandbox gauge.
 * Thread-safe. A session sandbox stays listed until this worker sees it deleted.
 */
public final class OwnedSandboxes {

  private final Map<String, OwnedSandbox> byName = new ConcurrentHashMap<>();

  /** Records a created (or adopted) sandbox. */
  public void created(String name, String id, String requestId, String sessionId) {
    byName.put(name, OwnedSandbox.newBuilder().setSandboxName(name).setSandboxId(id).setRequestId(requestId)
        .setSessionId(sessionId).build());
  }

  /** Forgets a deleted sandbox. */
  public void deleted(String name) {
    byName.remove(name);
  }

  /** Returns how many there are. */
  public int size() {
    return byName.size();
  }

  /** Returns a snapshot, sorted by name. */
  public List<OwnedSandbox> snapshot() {
    return byName.values().stream().sorted((a, b) -> a.getSandboxName().compareTo(b.getSandboxName())).toList();
  }
}
