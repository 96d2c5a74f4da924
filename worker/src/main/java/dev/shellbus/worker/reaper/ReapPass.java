package dev.shellbus.worker.reaper;

import dev.shellbus.events.LogSafe;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.engine.SessionEnds;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.kafka.OutboundRecord;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass: list every sandbox labelled {@code shellbus.dev/managed=true} in the workspace, judge each,
 * and reap the guilty one after the other. Reaping is: check the lease again (a reaper that lost it deletes
 * nothing more), delete on the gateway (NOT_FOUND counts as gone), leave the session-end note for a session, then
 * publish the receipts. A failed delete is counted and logged and left for the next pass ("retried until gone");
 * its receipts wait for the delete that works. In a dry run, each verdict is logged and counted, nothing deleted.
 * Runs on a Vert.x context; never blocks.
 */
final class ReapPass {

  private static final Logger LOG = LoggerFactory.getLogger(ReapPass.class);
  private static final Duration CALL_BUDGET = Duration.ofSeconds(30);

  private final GatewayClient gateway;
  private final Optional<ObjectStore> store;
  private final EventPublisher publisher;
  private final ClusterView view;
  private final ReapPolicy policy;
  private final Receipts receipts;
  private final ReaperMetrics metrics;
  private final BooleanSupplier active;
  private final Clock clock;
  private final String workspace;
  private final String bucket;
  private final String keyPrefix;
  private final boolean dryRun;

  ReapPass(GatewayClient gateway, Optional<ObjectStore> store, EventPublisher publisher, ClusterView view,
      ReapPolicy policy, Receipts receipts, ReaperMetrics metrics, BooleanSupplier active, Clock clock,
      String workspace, String bucket, String keyPrefix, boolean dryRun) {
    this.gateway = gateway;
    this.store = store;
    this.publisher = publisher;
    this.view = view;
    this.policy = policy;
    this.receipts = receipts;
    this.metrics = metrics;
    this.active = active;
    this.clock = clock;
    this.workspace = workspace;
    this.bucket = bucket;
    this.keyPrefix = keyPrefix;
    this.dryRun = dryRun;
  }

  Future<PassReport> run() {
    Instant started = clock.instant();
    return gateway.list(workspace, Map.of(SandboxLabels.MANAGED, "true"), Deadline.in(CALL_BUDGET)).compose(all -> {
      Instant now = clock.instant();
      List<Verdict> verdicts = new ArrayList<>();
      Duration oldest = Duration.ZERO;
      for (SandboxInfo sandbox : all) {
        Duration age = Duration.between(Instant.ofEpochMilli(sandbox.createdAtMs()), now);
        oldest = age.compareTo(oldest) > 0 ? age : oldest;
        policy.judge(sandbox, view, now).ifPresent(verdicts::add);
      }
      Duration oldestAge = oldest;
      return reapAll(verdicts, 0, 0, 0).map(counts -> {
        metrics.passed(Duration.between(started, clock.instant()), all.size(), oldestAge);
        return new PassReport(all.size(), verdicts, counts[0], counts[1], dryRun);
      });
    });
  }

  private Future<int[]> reapAll(List<Verdict> verdicts, int index, int reaped, int failed) {
    if (index == verdicts.size()) {
      return Future.succeededFuture(new int[] {reaped, failed});
    }
    if (dryRun) {
      for (Verdict v : verdicts) {
        LOG.info("Would reap sandbox {} (rule {}): {}", LogSafe.id(v.sandbox().handle().name()), v.rule().label(),
            LogSafe.text(v.reason()));
        metrics.wouldReap(v.rule());
      }
      return Future.succeededFuture(new int[] {0, 0});
    }
    Verdict v = verdicts.get(index);
    if (!active.getAsBoolean()) {
      LOG.info("Reaper lease lost during a pass: {} verdicts left to the active reaper", verdicts.size() - index);
      return Future.succeededFuture(new int[] {reaped, failed});
    }
    return reap(v).transform(ar -> {
      if (ar.succeeded()) {
        return reapAll(verdicts, index + 1, reaped + 1, failed);
      }
      metrics.deleteFailed();
      LOG.warn("Reaping sandbox {} (rule {}) failed, the next pass tries again: {}",
          LogSafe.id(v.sandbox().handle().name()), v.rule().label(), LogSafe.text(ar.cause().getMessage()));
      return reapAll(verdicts, index + 1, reaped, failed + 1);
    });
  }

  private Future<Void> reap(Verdict v) {
    SandboxInfo sandbox = v.sandbox();
    Instant begin = clock.instant();
    return gateway.delete(sandbox.handle().workspace(), sandbox.handle().name(), Deadline.in(CALL_BUDGET))
        .compose(started -> note(v))
        .compose(noted -> {
          Instant at = clock.instant();
          List<OutboundRecord> records = receipts.of(v, at, Duration.between(begin, at));
          return Future.all(records.stream().map(publisher::publish).toList());
        })
        .map(published -> {
          metrics.reaped(v.rule());
          LOG.info("Reaped sandbox {} (rule {}): {}", LogSafe.id(sandbox.handle().name()), v.rule().label(),
              LogSafe.text(v.reason()));
          return null;
        });
  }

  /** Leaves the session-end note of a session that ended by time; a note that cannot be written is only logged. */
  private Future<Void> note(Verdict v) {
    String session = v.sandbox().labels().get(SandboxLabels.SESSION);
    if (store.isEmpty() || session == null || v.rule().receipt() != LifecycleType.SESSION_EXPIRED) {
      return Future.succeededFuture();
    }
    String tenant = v.sandbox().labels().get(SandboxLabels.TENANT);
    SessionEnds.SessionEnd end = new SessionEnds.SessionEnd(v.rule().label(), v.reason(), clock.instant(),
        v.sandbox().handle().name());
    return SessionEnds.write(store.get(), SessionEnds.ref(bucket, keyPrefix, tenant, session), end,
            Deadline.in(CALL_BUDGET))
        .recover(e -> {
          LOG.warn("Could not leave the session-end note of session {}: {}", LogSafe.id(session),
              LogSafe.text(e.getMessage()));
          return Future.succeededFuture();
        });
  }
}
