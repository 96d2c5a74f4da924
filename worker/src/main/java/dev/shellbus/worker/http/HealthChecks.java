package dev.shellbus.worker.http;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.outage.Breaker;
import dev.shellbus.worker.kafka.ClusterProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Checks the gateway (its Health RPC; a failure opens the gateway's {@link Breaker}, a success closes it) and Kafka ({@code describeCluster} through an Admin client, on the named
 * blocking executor, never on an event loop) every interval, each bounded by a timeout, and records the answers in
 * {@link Readiness}.
 */
public final class HealthChecks {

  private final Vertx vertx;
  private final WorkerExecutor blocking;
  private final GatewayClient gateway;
  private final Breaker gatewayBreaker;
  private final Readiness readiness;
  private final Duration interval;
  private final Duration timeout;
  private final Map<String, Object> adminProperties;
  private Admin admin;
  private long timer = -1;

  /**
   * Creates the checks.
   *
   * @param adminProperties Kafka client properties (bootstrap servers included)
   */
  public HealthChecks(Vertx vertx, WorkerExecutor blocking, GatewayClient gateway, Breaker gatewayBreaker,
      Readiness readiness, Map<String, Object> adminProperties, Duration interval, Duration timeout) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.gateway = gateway;
    this.gatewayBreaker = gatewayBreaker;
    this.readiness = readiness;
    this.adminProperties = Map.copyOf(adminProperties);
    this.interval = interval;
    this.timeout = timeout;
  }

  /** Runs the checks once and then every interval; the future completes after the first round. */
  public Future<Void> start() {
    Future<Void> first = check();
    timer = vertx.setPeriodic(interval.toMillis(), id -> check());
    return first;
  }

  /** Runs both checks once. */
  public Future<Void> check() {
    Future<Void> gw = gateway.health(Deadline.in(timeout))
        .onSuccess(v -> readiness.gateway(true, "Health OK"))
        .onSuccess(v -> gatewayBreaker.succeeded())
        .onFailure(e -> readiness.gateway(false, e.getMessage()))
        .onFailure(e -> gatewayBreaker.trip(String.valueOf(e.getMessage())))
        .otherwiseEmpty();
    Future<Void> kafka = blocking.<String>executeBlocking(this::describeCluster, false)
        .onSuccess(id -> readiness.kafka(true, "cluster " + id))
        .onFailure(e -> readiness.kafka(false, String.valueOf(e.getMessage())))
        .<Void>mapEmpty().otherwiseEmpty();
    return Future.join(gw, kafka).mapEmpty();
  }

  private synchronized String describeCluster() throws Exception {
    if (admin == null) {
      admin = ClusterProbe.admin(adminProperties, "shellbus-health", timeout);
    }
    return ClusterProbe.clusterId(admin, timeout);
  }

  /** Stops the checks and closes the Admin client (off the event loop). */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return blocking.executeBlocking(() -> {
      synchronized (this) {
        if (admin != null) {
          admin.close(Duration.ofSeconds(2));
          admin = null;
        }
      }
      return null;
    }, false);
  }
}
