package dev.shellbus.loadtest.chaos.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a scenario sent: every request the broker acknowledged (those are the ones that must get a result), the
 * planted secrets, the hostile records by kind, and the sends the broker refused.
 */
public final class Ledger {

  /** One acknowledged request. */
  public record Sent(String id, String kind, long ackedAtMs, String secret) {}

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Map<String, String> hostileIds = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hostileKinds = new ConcurrentHashMap<>();
  private final List<String> secrets = new ArrayList<>();
  private final AtomicInteger sendFailures = new AtomicInteger();

  /** Records an acknowledged request. */
  public void acked(String id, String kind, String secret) {
    sent.put(id, new Sent(id, kind, System.currentTimeMillis(), secret));
  }

  /** Records a planted secret value (before it is sent, so a failed send still gets searched). */
  public synchronized void planted(String secret) {
    secrets.add(secret);
  }

  /** Records a send the broker refused for good. */
  public void sendFailed() {
    sendFailures.incrementAndGet();
  }

  /** Records one hostile record; {@code id} is its request id when it has a decodable one, else null. */
  public void hostile(String kind, String id) {
    hostileKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    if (id != null) {
      hostileIds.put(id, kind);
    }
  }

  public Map<String, Sent> sent() {
    return Map.copyOf(sent);
  }

  public synchronized List<String> secrets() {
    return List.copyOf(secrets);
  }

  public Map<String, String> hostileIds() {
    return Map.copyOf(hostileIds);
  }

  /** Returns the hostile record count per kind. */
  public Map<String, Integer> hostileKinds() {
    Map<String, Integer> m = new java.util.TreeMap<>();
    hostileKinds.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  public int sendFailures() {
    return sendFailures.get();
  }
}
