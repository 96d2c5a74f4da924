package dev.shellbus.loadtest.stack;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.loadtest.kafka.TopicSet;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway and a worker for one run, on the shared {@link Infra}: the dev gateway (unless one is given) on a Vert.x
 * instance of its own, and a worker (in this JVM, forked, or none) consuming prefixed topics that it creates.
 */
public final class Deployment implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

  private final Vertx gatewayVertx;
  private final DevGateway gateway;
  private final String gatewayEndpoint;
  private final WorkerHandle worker;
  private final TopicSet topics;

  private Deployment(Vertx gatewayVertx, DevGateway gateway, String gatewayEndpoint, WorkerHandle worker,
      TopicSet topics) {
    this.gatewayVertx = gatewayVertx;
    this.gateway = gateway;
    this.gatewayEndpoint = gatewayEndpoint;
    this.worker = worker;
    this.topics = topics;
  }

  /** Starts the gateway (unless external) and the worker (unless {@code NONE}). */
  public static Deployment start(Infra infra, DeploymentOptions o) throws Exception {
    TopicSet topics = TopicSet.prefixed(o.topicPrefix());
    Vertx vertx = null;
    DevGateway gateway = null;
    String endpoint = o.gatewayEndpoint().orElse(null);
    try {
      if (endpoint == null && o.worker() != DeploymentOptions.WorkerMode.NONE) {
        vertx = Vertx.vertx();
        Path data = infra.workDir().resolve("gateway-" + o.topicPrefix().replaceAll("[^a-z0-9-]", ""));
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        gateway = DevGateway.start(vertx, DevGatewayOptions.builder().dataDir(data).readyDelay(o.readyDelay())
            .deleteDelay(o.deleteDelay()).exec(ExecOptions.builder().isolation(o.isolation())
                .maxConcurrentExecs(100_000).simulatedDuration(o.simulatedExec())
                .simulatedStdoutBytes(o.simulatedStdoutBytes()).build()).build())
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        endpoint = gateway.endpoint();
        LOG.info("dev gateway at {} ({})", endpoint, o.isolation());
      }
      WorkerHandle worker = startWorker(infra, o, endpoint);
      return new Deployment(vertx, gateway, endpoint, worker, topics);
    } catch (Exception e) {
      if (vertx != null) {
        vertx.close();
      }
      throw e;
    }
  }

  private static WorkerHandle startWorker(Infra infra, DeploymentOptions o, String endpoint) throws Exception {
    switch (o.worker()) {
      case IN_PROCESS:
        return InProcessWorker.start(settings(infra, o, endpoint));
      case FORK:
        Path log = infra.workDir().resolve("worker-" + o.topicPrefix().replaceAll("[^a-z0-9-]", "") + ".log");
        return ForkedWorker.start(settings(infra, o, endpoint), o.workerJvmArgs(), log);
      default:
        return null;
    }
  }

  /** The worker's configuration: this deployment's topics, group, gateway, store and capacity. */
  static Map<String, String> settings(Infra infra, DeploymentOptions o, String gatewayEndpoint) {
    TopicSet topics = TopicSet.prefixed(o.topicPrefix());
    String prefix = o.topicPrefix();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("worker.id", "loadtest-" + prefix.replaceAll("[^A-Za-z0-9-]", ""));
    s.put("kafka.bootstrap-servers", infra.bootstrap());
    s.put("kafka.group-id", prefix + "shellbus-workers");
    s.put("kafka.topics.requests", topics.requests());
    s.put("kafka.topics.results", topics.results());
    s.put("kafka.topics.lifecycle", topics.lifecycle());
    s.put("kafka.topics.audit", prefix + "shellbus.audit");
    s.put("kafka.topics.workers", prefix + "shellbus.workers");
    s.put("kafka.topics.dead-letters", prefix + "shellbus.requests.dlq");
    s.put("kafka.topics.request-state", prefix + "shellbus.request-state");
    s.put("kafka.topics.partitions", Integer.toString(o.partitions()));
    s.put("kafka.consumer.max-in-flight", Integer.toString(o.maxInFlight()));
    s.put("gateway.endpoint", gatewayEndpoint);
    S3Target store = infra.store();
    s.put("store.endpoint", store.endpoint().toString());
    s.put("store.bucket", store.bucket());
    s.put("store.access-key", store.accessKey());
    s.put("store.secret-key", store.secretKey());
    s.put("management.enabled", "false");
    s.putAll(o.workerSettings());
    return s;
  }

  /** Returns the topics requests go to and results come from. */
  public TopicSet topics() {
    return topics;
  }

  /** Returns the gateway endpoint the worker uses. */
  public String gatewayEndpoint() {
    return gatewayEndpoint;
  }

  /** Returns the dev gateway, when this deployment started one. */
  public Optional<DevGateway> devGateway() {
    return Optional.ofNullable(gateway);
  }

  /** Returns the worker, when this deployment started one. */
  public Optional<WorkerHandle> worker() {
    return Optional.ofNullable(worker);
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    if (gateway != null) {
      try {
        gateway.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("dev gateway stop failed: {}", e.toString());
      }
    }
    if (gatewayVertx != null) {
      gatewayVertx.close();
    }
  }
}
