package dev.shellbus.worker;

import dev.shellbus.events.v1.WorkerStatus;
import dev.shellbus.orchestrator.engine.EngineLanes;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.outage.Breaker;
import dev.shellbus.orchestrator.outage.GuardedGateway;
import dev.shellbus.orchestrator.outage.GuardedStore;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.retry.Retrier;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.worker.config.HostName;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.heartbeat.Heartbeats;
import dev.shellbus.worker.heartbeat.OwnedSandboxes;
import dev.shellbus.worker.http.HealthChecks;
import dev.shellbus.worker.http.ManagementServer;
import dev.shellbus.worker.http.Readiness;
import dev.shellbus.worker.kafka.KafkaEventPublisher;
import dev.shellbus.worker.kafka.RequestConsumer;
import dev.shellbus.worker.kafka.TopicInitializer;
import dev.shellbus.worker.mapping.Outbound;
import dev.shellbus.worker.metrics.WorkerMetrics;
import dev.shellbus.worker.process.RequestProcessor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's parts on one Vert.x context, started in order (management port, topics, gateway, store, publisher,
 * processor, consumer, health checks, heartbeats) and stopped in reverse. {@link #stop()} drains; {@link #crash()}
 * stops as a crash would, for tests.
 */
final class WorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  private static final Duration MARGIN = Duration.ofSeconds(15);

  final WorkerConfig config;
  final PrometheusMeterRegistry registry;
  final Readiness readiness = new Readiness();
  final OwnedSandboxes owned = new OwnedSandboxes();
  final WorkerMetrics metrics;
  private final String version;
  private final Instant startedAt = Instant.now();
  private WorkerExecutor blocking;
  private ManagementServer management;
  private GatewayClient gateway;
  private GatewayConnection gatewayConnection;
  private Optional<TokenSource> tokens = Optional.empty();
  private final EngineLanes lanes;
  private S3ObjectStore store;
  private KafkaEventPublisher publisher;
  private RequestProcessor processor;
  RequestConsumer consumer;
  private HealthChecks health;
  private Breaker gatewayBreaker;
  private Breaker storeBreaker;
  private Heartbeats heartbeats;
  int managementPort = -1;
  private boolean crashed;
  private String host = "unknown";

  WorkerVerticle(WorkerConfig config, PrometheusMeterRegistry registry, String version, EngineLanes lanes) {
    this.config = config;
    this.lanes = lanes;
    this.registry = registry;
    this.version = version;
    this.metrics = new WorkerMetrics(registry);
  }

  @Override
  public Future<?> start() {
    LOG.info("Starting worker {} (version {}): {}", config.workerId(), version, config);
    blocking = vertx.createSharedWorkerExecutor("shellbus-blocking-" + config.workerId(), config.blockingPoolSize());
    metrics.bindReady(readiness::ready);
    metrics.bindOwned(owned::size);
    management = new ManagementServer(vertx, readiness, registry);
    Future<Integer> port = config.management().enabled()
        ? management.start(config.management().host(), config.management().port()) : Future.succeededFuture(-1);
    StartChecks checks = new StartChecks(blocking, config.startTimeout());
    String bootstrap = config.kafka().bootstrapServers();
    return port.onSuccess(p -> managementPort = p)
        .compose(p -> checks.kafka(Wiring.admin(config), bootstrap))
        .compose(v -> config.kafka().createTopics()
            ? checks.topics(bootstrap, () -> new TopicInitializer(vertx, Wiring.topics(config)).ensureTopics())
                .mapEmpty()
            : Future.succeededFuture())
        .compose(v -> Wiring.gatewayConnection(vertx, config.gateway()))
        .onSuccess(c -> gatewayConnection = c)
        .onSuccess(c -> tokens = Wiring.tokens(vertx, config.gateway()))
        .compose(c -> checks.gateway(Wiring.address(c), () -> Wiring.gateway(vertx, c, tokens)))
        .onSuccess(g -> gateway = g)
        .compose(g -> blocking.executeBlocking(() -> {
          host = HostName.current();
          store = S3ObjectStore.create(vertx, Wiring.s3(config.store()));
          publisher = KafkaEventPublisher.create(vertx, Wiring.publisher(config));
          return null;
        }, false))
        .compose(v -> checks.store(Wiring.address(config.store()), config.store().bucket(), store))
        .compose(v -> startConsuming())
        .onSuccess(v -> LOG.info("Worker {} is consuming {} (management port {})", config.workerId(),
            config.kafka().topics().requests(), managementPort))
        .recover(e -> {
          LOG.error("Worker {} failed to start: {}", config.workerId(), e.getMessage());
          Future<Void> aborted = consumer == null ? Future.succeededFuture() : consumer.abort();
          return aborted.eventually(() -> close(false)).transform(ar -> Future.failedFuture(e));
        });
  }

  private Future<Void> startConsuming() {
    breakers();
    return lanes.connect(() -> Wiring.gateway(vertx, gatewayConnection, tokens)
            .map(client -> (GatewayClient) new GuardedGateway(client, gatewayBreaker)))
        .compose(v -> consume());
  }

  /**
   * The gateway's and the store's breakers: while either is open the consumer fetches nothing new, the worker is not
   * ready, and running requests wait for it to close (see {@link GuardedGateway}, {@link GuardedStore}).
   */
  private void breakers() {
    var policy = config.management().outage();
    Duration probeTimeout = policy.probeTimeout();
    gatewayBreaker = new Breaker(vertx, "gateway", FailureCode.GATEWAY_UNAVAILABLE, policy,
        () -> gateway.health(Deadline.in(probeTimeout)));
    storeBreaker = new Breaker(vertx, "store", FailureCode.STORAGE_FAILED, policy,
        () -> store.checkBucket(config.store().bucket(), Deadline.in(probeTimeout)));
    for (Breaker breaker : List.of(gatewayBreaker, storeBreaker)) {
      metrics.bindBreaker(breaker);
      breaker.listen((dependency, state, why) -> readiness.outage(dependency,
          state == Breaker.State.CLOSED ? null : why));
    }
  }

  private Future<Void> consume() {
    Outbound outbound = new Outbound(config.kafka().topics(), config.workerId());
    Retrier retrier = new Retrier(vertx, config.gateway().retry(), metrics);
    processor = RequestProcessor.create(vertx, new GuardedGateway(gateway, gatewayBreaker),
        new GuardedStore(store, storeBreaker), Wiring.engine(config), retrier::run, publisher,
        outbound, metrics, owned, Wiring.processor(config, version), lanes);
    consumer = new RequestConsumer(vertx, Wiring.consumer(config), processor, publisher);
    metrics.bindConsumer(consumer.metrics());
    heartbeats = new Heartbeats(vertx, publisher, outbound, metrics, new Heartbeats.Source(config.workerId(),
        host, version, startedAt, config.heartbeatInterval(), config.kafka().maxInFlight(),
        () -> consumer.metrics(), owned));
    health = new HealthChecks(vertx, blocking, gateway, gatewayBreaker, readiness, Wiring.admin(config),
        config.management().healthInterval(), config.management().healthTimeout());
    heartbeats.start();
    consumer.holdWhile(() -> gatewayBreaker.isOpen() || storeBreaker.isOpen());
    return consumer.start().compose(v -> {
      consumer.terminated().onFailure(e -> {
        LOG.error("The request consumer of worker {} stopped: {}", config.workerId(), e.toString());
        readiness.consumerDead();
      });
      readiness.phase(Readiness.Phase.RUNNING);
      return heartbeats.status(WorkerStatus.RUNNING);
    }).compose(v -> health.start());
  }

  /** Drains: not ready, stop fetching, let running requests finish within the grace, cancel the rest, close. */
  @Override
  public Future<?> stop() {
    if (crashed) {
      return Future.succeededFuture();
    }
    readiness.phase(Readiness.Phase.DRAINING);
    Duration grace = config.drainGrace();
    LOG.info("Worker {} draining: up to {} for {} running requests", config.workerId(), grace,
        processor == null ? 0 : processor.running());
    Future<Void> announced = heartbeats == null ? Future.succeededFuture() : heartbeats.status(WorkerStatus.DRAINING);
    long cancelTimer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> {
      if (processor != null && processor.running() > 0) {
        processor.cancelAll("CANCELLED: the worker is shutting down and its drain grace of "
            + grace.toSeconds() + " s passed");
      }
    });
    Future<Void> drained = consumer == null ? Future.succeededFuture()
        : consumer.drain(grace.plus(config.engine().cleanupGrace()).plus(MARGIN));
    return announced.compose(v -> drained).eventually(() -> {
      vertx.cancelTimer(cancelTimer);
      return close(true);
    }).onComplete(ar -> LOG.info("Worker {} stopped", config.workerId()));
  }

  /** Stops at once without committing, cancelling or deleting anything: what a crash leaves behind. */
  Future<Void> crash() {
    crashed = true;
    readiness.phase(Readiness.Phase.STOPPED);
    Future<Void> aborted = consumer == null ? Future.succeededFuture() : consumer.abort();
    return aborted.eventually(() -> close(false))
        .onComplete(ar -> LOG.info("Worker {} stopped (as a crash would)", config.workerId()));
  }

  /** Releases what was started; {@code clean} also announces STOPPED and lets the publisher flush. */
  private Future<Void> close(boolean clean) {
    readiness.phase(Readiness.Phase.STOPPED);
    Future<Void> last = clean && heartbeats != null ? heartbeats.status(WorkerStatus.STOPPED)
        : Future.succeededFuture();
    return last.eventually(() -> {
      if (heartbeats != null) {
        heartbeats.stop();
      }
      Future<Void> checks = health == null ? Future.succeededFuture() : health.stop();
      for (Breaker breaker : new Breaker[] {gatewayBreaker, storeBreaker}) {
        if (breaker != null) {
          breaker.stop();
        }
      }
      Future<Void> published = publisher == null ? Future.succeededFuture()
          : publisher.close(clean ? Duration.ofSeconds(10) : Duration.ZERO);
      Future<Void> gw = lanes.disconnect()
          .eventually(() -> gateway == null ? Future.succeededFuture() : gateway.close())
          .eventually(() -> tokens.map(TokenSource::close).orElse(Future.succeededFuture()));
      return Future.join(checks, published, gw).eventually(() -> management.stop()).eventually(() -> {
        if (store != null) {
          return blocking.executeBlocking(() -> {
            store.close();
            return null;
          }, false);
        }
        return Future.succeededFuture();
      }).eventually(() -> blocking.close()).mapEmpty();
    });
  }
}
