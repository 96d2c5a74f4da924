package dev.shellbus.worker;

import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.http.Readiness;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.shellbus.orchestrator.engine.EngineLanes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * A running shellbus worker: consumes requests, drives sandboxes through the gateway, stores artifacts and publishes
 * results, lifecycle, audit and heartbeat events; serves health and metrics on its management port.
 *
 * <p>Start one with {@link #start(Vertx, WorkerConfig)} (the {@code shellbus} CLI and tests) or run {@link
 * WorkerMain} (production images). {@link #drain()} is the SIGTERM path: readiness turns false, fetching stops,
 * running requests get {@code drain.grace} to finish and are then cancelled (CANCELLED results, sandboxes deleted),
 * everything is published and committed, and the worker stops. The Vert.x instance belongs to the caller.
 */
public final class Worker {

  private final Vertx vertx;
  private final WorkerVerticle verticle;
  private final String deploymentId;
  private final EngineLanes lanes;

  private Worker(Vertx vertx, WorkerVerticle verticle, String deploymentId, EngineLanes lanes) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
    this.lanes = lanes;
  }

  /** Starts a worker with its own Prometheus registry; the future completes once it consumes. */
  public static Future<Worker> start(Vertx vertx, WorkerConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return start(vertx, config, registry);
  }

  /** Starts a worker recording into {@code registry} (which {@code /metrics} serves). */
  public static Future<Worker> start(Vertx vertx, WorkerConfig config, PrometheusMeterRegistry registry) {
    Objects.requireNonNull(config, "config");
    // The engine's lanes are deployed beside the worker's verticle, not inside it: Vert.x would undeploy them
    // before the verticle's own stop, and a drain needs them until the last request has finished.
    return EngineLanes.deploy(vertx, config.engine().lanes()).compose(lanes -> {
      WorkerVerticle verticle = new WorkerVerticle(config, registry, version(), lanes);
      return vertx.deployVerticle(verticle).map(id -> new Worker(vertx, verticle, id, lanes))
          .recover(failed -> lanes.close().transform(ar -> Future.failedFuture(failed)));
    });
  }

  /** Drains and stops (see the class comment); the future completes when the worker has stopped. */
  public Future<Void> drain() {
    if (verticle.readiness.phase() == Readiness.Phase.RUNNING || verticle.readiness.phase() == Readiness.Phase.STARTING) {
      verticle.readiness.phase(Readiness.Phase.DRAINING);
    }
    return vertx.undeploy(deploymentId).recover(e -> e instanceof IllegalStateException
        ? Future.succeededFuture() : Future.failedFuture(e))
        .eventually(() -> lanes.close().recover(e -> Future.succeededFuture()));
  }

  /** Same as {@link #drain()}. */
  public Future<Void> stop() {
    return drain();
  }

  /**
   * Stops at once as a crash would: nothing is committed, cancelled, deleted or announced. Running requests are left
   * to the next owner of their partitions. For tests and fatal errors.
   */
  public Future<Void> crash() {
    return verticle.crash().eventually(() -> drain());
  }

  /**
   * Holds the request consumer's poll thread for {@code duration} while everything else runs on, as a stuck client
   * would: past {@code max.poll.interval.ms} the client leaves the group and the running requests are fenced. For tests.
   */
  public void stallPolling(java.time.Duration duration) {
    verticle.consumer.stallPolling(duration);
  }

  /** Completes when the consumer stops; fails when it stopped on a fatal error. */
  public Future<Void> terminated() {
    return verticle.consumer.terminated();
  }

  /** Returns whether the worker is ready (what {@code /health/ready} answers). */
  public boolean ready() {
    return verticle.readiness.ready();
  }

  /** Returns the worker's phase. */
  public Readiness.Phase phase() {
    return verticle.readiness.phase();
  }

  /** Returns the bound management port, or -1 when it is disabled. */
  public int managementPort() {
    return verticle.managementPort;
  }

  /** Returns the worker id. */
  public String workerId() {
    return verticle.config.workerId();
  }

  /** Returns the configuration it runs with. */
  public WorkerConfig config() {
    return verticle.config;
  }

  /** Returns the registry {@code /metrics} serves. */
  public PrometheusMeterRegistry registry() {
    return verticle.registry;
  }

  /** Returns how many sandboxes this worker owns now. */
  public int ownedSandboxes() {
    return verticle.owned.size();
  }

  /** Returns the worker version: the jar's implementation version, else {@code dev}. */
  public static String version() {
    String v = Worker.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
