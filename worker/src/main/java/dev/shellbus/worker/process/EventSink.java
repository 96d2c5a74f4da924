package dev.shellbus.worker.process;

import dev.shellbus.events.LogSafe;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.kafka.OutboundRecord;
import dev.shellbus.worker.logging.LogContext;
import dev.shellbus.worker.mapping.Outbound;
import dev.shellbus.worker.metrics.WorkerMetrics;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a request's non-terminal lifecycle and audit events as they happen, through the idempotent publisher.
 * A failed publish is logged and counted but never fails the request: these events are at-least-once while the
 * worker lives, and the terminal ones travel with the completion, which the consumer retries until acknowledged.
 */
final class EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventSink.class);

  private final EventPublisher publisher;
  private final Outbound outbound;
  private final WorkerMetrics metrics;

  EventSink(EventPublisher publisher, Outbound outbound, WorkerMetrics metrics) {
    this.publisher = publisher;
    this.outbound = outbound;
    this.metrics = metrics;
  }

  Outbound outbound() {
    return outbound;
  }

  /** Publishes a lifecycle event of {@code in}; completes (never fails) when the publish settled. */
  Future<Void> lifecycle(InboundRequest in, LogContext log, LifecycleEvent event) {
    return send(in, log, outbound.lifecycle(in, event), "lifecycle");
  }

  /** Publishes an audit event of {@code in}; completes (never fails) when the publish settled. */
  Future<Void> audit(InboundRequest in, LogContext log, AuditEvent event) {
    return send(in, log, outbound.audit(in, event), "audit");
  }

  private Future<Void> send(InboundRequest in, LogContext log, OutboundRecord record, String type) {
    return publisher.publish(record).transform(ar -> {
      metrics.published(type, ar.succeeded());
      if (ar.failed()) {
        log.run(() -> LOG.warn("Publishing a {} event of the request failed: {}", type,
            LogSafe.text(ar.cause().toString())));
      }
      return Future.succeededFuture();
    });
  }
}
