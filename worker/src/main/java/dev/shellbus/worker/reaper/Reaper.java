package dev.shellbus.worker.reaper;

import dev.shellbus.events.LogSafe;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.worker.audit.AuditFactory;
import dev.shellbus.worker.config.ReaperSettings;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.kafka.TopicNames;
import dev.shellbus.worker.mapping.Outbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running reconciler: a lease, a view of Kafka, and a pass every {@code reaper.interval} while this reaper is
 * active and its view has caught up. Passes never overlap. Built by {@code dev.shellbus.worker.ReaperMain} (or the
 * dev stack) from already connected parts, which it owns from then on.
 */
public final class Reaper {

  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  /**
   * The connected parts a reaper works with.
   *
   * @param id the reaper's id (audit actor, lifecycle worker id, client ids)
   * @param version the shellbus version (audit metadata)
   * @param gateway the gateway client
   * @param store the object store, for session-end notes (empty: calls of a reaped session answer NOT_FOUND)
   * @param publisher publishes the receipts
   * @param topics the topic names
   * @param bootstrap Kafka bootstrap servers
   * @param clientProperties extra Kafka client properties (security)
   * @param workspace the gateway workspace to reconcile
   * @param bucket the bucket of session-end notes
   * @param keyPrefix the key prefix of session-end notes
   * @param close releases the connected parts (publisher, gateway client, store) when the reaper stops
   */
  public record Parts(String id, String version, GatewayClient gateway, Optional<ObjectStore> store,
      EventPublisher publisher, TopicNames topics, String bootstrap, Map<String, String> clientProperties,
      String workspace, String bucket, String keyPrefix, Supplier<Future<Void>> close) {}

  private final Vertx vertx;
  private final Context context;
  private final ReaperSettings settings;
  private final ActiveLease lease;
  private final ViewReader reader;
  private final ReapPass pass;
  private final ReaperMetrics metrics;
  private final Supplier<Future<Void>> closeParts;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  private Reaper(Vertx vertx, ReaperSettings settings, Parts parts, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.settings = settings;
    this.metrics = new ReaperMetrics(registry);
    this.closeParts = parts.close();
    ClusterView view = new ClusterView();
    Clock clock = Clock.systemUTC();
    this.lease = new ActiveLease(parts.bootstrap(), parts.clientProperties(), settings.groupId(),
        settings.leaseTopic(), settings.leaseTimeout(), parts.id() + "-lease");
    this.reader = new ViewReader(view, parts.topics(), settings.activityLookback(), clock, parts.bootstrap(),
        parts.clientProperties(), parts.id() + "-view");
    Receipts receipts = new Receipts(new Outbound(parts.topics(), parts.id()), new AuditFactory(parts.version()),
        parts.id());
    this.pass = new ReapPass(parts.gateway(), parts.store(), parts.publisher(), view, new ReapPolicy(settings),
        receipts, metrics, lease::active, clock, parts.workspace(), parts.bucket(), parts.keyPrefix(),
        settings.dryRun());
  }

  /** Starts the lease, the view and the periodic passes. */
  public static Reaper start(Vertx vertx, ReaperSettings settings, Parts parts, MeterRegistry registry) {
    Reaper reaper = new Reaper(vertx, settings, parts, registry);
    reaper.lease.start();
    reaper.reader.start();
    reaper.context.runOnContext(v -> reaper.timer = vertx.setPeriodic(settings.interval().toMillis(),
        id -> reaper.tick()));
    LOG.info("Reaper {} started: pass every {}{}, lease {} in group {}", parts.id(), settings.interval(),
        settings.dryRun() ? " (dry run: nothing is deleted)" : "", settings.leaseTopic(), settings.groupId());
    return reaper;
  }

  /** Whether this reaper holds the lease now. */
  public boolean active() {
    return lease.active();
  }

  /** Waits (blocking; not on an event loop) until the view caught up; false when {@code timeout} passed first. */
  public boolean awaitView(Duration timeout) throws InterruptedException {
    return reader.awaitCaughtUp(timeout);
  }

  /**
   * Runs one pass now on the reaper's context, whether or not this reaper is active (for {@code --once} and tests:
   * the caller decides); fails when a pass is already running or the view has not caught up.
   */
  public Future<PassReport> passNow() {
    Promise<PassReport> done = Promise.promise();
    context.runOnContext(v -> {
      if (!reader.caughtUp()) {
        done.fail(new IllegalStateException("the reaper's view of Kafka has not caught up yet"));
      } else if (!running.compareAndSet(false, true)) {
        done.fail(new IllegalStateException("a pass is already running"));
      } else {
        pass.run().onComplete(ar -> running.set(false)).onComplete(done);
      }
    });
    return done.future();
  }

  private void tick() {
    boolean active = lease.active();
    metrics.active(active);
    if (!active || !reader.caughtUp() || !running.compareAndSet(false, true)) {
      return;
    }
    pass.run().onComplete(ar -> {
      running.set(false);
      if (ar.failed()) {
        LOG.warn("Reaper pass failed; the next one tries again: {}", LogSafe.text(ar.cause().getMessage()));
      } else if (!ar.result().verdicts().isEmpty()) {
        LOG.info("Reaper pass: {} sandboxes, {} to reap, {} reaped, {} failed{}", ar.result().seen(),
            ar.result().verdicts().size(), ar.result().reaped(), ar.result().failed(),
            ar.result().dryRun() ? " (dry run)" : "");
      }
    });
  }

  /**
   * Stops as a killed process would: passes end, the lease is closed without leaving the group (a standby takes
   * over only after {@code reaper.lease-timeout}); the parts are released as a dead process's would be. For tests of
   * the takeover.
   */
  public Future<Void> crash() {
    return vertx.executeBlocking(() -> {
      vertx.cancelTimer(timer);
      lease.abandon();
      reader.close();
      return null;
    }, false).compose(v -> closeParts.get());
  }

  /** Stops passes, leaves the lease (a standby takes over at once), closes the view and then the parts. */
  public Future<Void> stop() {
    return vertx.executeBlocking(() -> {
      vertx.cancelTimer(timer);
      lease.close();
      reader.close();
      return null;
    }, false).compose(v -> closeParts.get());
  }
}
