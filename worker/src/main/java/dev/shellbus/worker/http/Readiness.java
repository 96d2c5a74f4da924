package dev.shellbus.worker.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the worker should get traffic: its phase is RUNNING, the last checks found the gateway and Kafka
 * reachable, the consumer is alive and no dependency's breaker is open. It turns false at once when shutdown begins.
 * Thread-safe.
 */
public final class Readiness {

  /** The worker's phases. */
  public enum Phase {
    /** Connecting; not consuming yet. */
    STARTING,
    /** Consuming. */
    RUNNING,
    /** Shutting down: no new requests, finishing or cancelling running ones. */
    DRAINING,
    /** Stopped. */
    STOPPED
  }

  private volatile Phase phase = Phase.STARTING;
  private volatile boolean gateway;
  private volatile boolean kafka;
  private volatile boolean consumer = true;
  private volatile String gatewayDetail = "not checked yet";
  private volatile String kafkaDetail = "not checked yet";
  private final Map<String, String> outages = new ConcurrentHashMap<>();

  /** Moves to {@code next}. */
  public void phase(Phase next) {
    phase = next;
  }

  /** Returns the phase. */
  public Phase phase() {
    return phase;
  }

  /** Records the last gateway check. */
  public void gateway(boolean up, String detail) {
    gateway = up;
    gatewayDetail = detail;
  }

  /** Records the last Kafka check. */
  public void kafka(boolean up, String detail) {
    kafka = up;
    kafkaDetail = detail;
  }

  /** Records that {@code dependency}'s breaker opened ({@code why}) or closed ({@code why} null). */
  public void outage(String dependency, String why) {
    if (why == null) {
      outages.remove(dependency);
    } else {
      outages.put(dependency, why);
    }
  }

  /** Records that the consumer stopped for good (a fatal error). */
  public void consumerDead() {
    consumer = false;
  }

  /** Returns whether the worker is ready. */
  public boolean ready() {
    return phase == Phase.RUNNING && gateway && kafka && consumer && outages.isEmpty();
  }

  /** Returns the readiness document served on {@code /health/ready}. */
  public JsonObject describe() {
    return new JsonObject().put("status", ready() ? "UP" : "DOWN").put("phase", phase.name())
        .put("checks", new JsonObject()
            .put("gateway", new JsonObject().put("up", gateway).put("detail", gatewayDetail))
            .put("kafka", new JsonObject().put("up", kafka).put("detail", kafkaDetail))
            .put("consumer", new JsonObject().put("up", consumer))
            .put("outages", new JsonObject(Map.copyOf(outages).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue())))));
  }
}
