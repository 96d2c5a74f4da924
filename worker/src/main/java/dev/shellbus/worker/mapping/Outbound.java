package dev.shellbus.worker.mapping;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.worker.kafka.EventHeaders;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.kafka.OutboundRecord;
import dev.shellbus.worker.kafka.TopicNames;
import java.time.Instant;
import java.util.UUID;

/**
 * Encodes events (Avro single-object encoding) into {@link OutboundRecord}s with their topic, key and CloudEvents
 * binary-mode headers, propagating the causing request's {@code traceparent}.
 *
 * <p>Keys follow the contract: a result and every lifecycle event are keyed like their request (the request record's
 * key: the session id for session calls, else the request id; the request id when the record had none), so that one
 * request's events, and one session's, share a partition and stay in order (ADR 0004); a lifecycle event also
 * carries its sandbox id, once known, in the {@code shellbus.sandbox-id} header. Audit events are keyed by sandbox
 * id, else request id; heartbeats by worker id. The CloudEvents id of a lifecycle or audit event is the record's own
 * event id; the subject is the request id (the worker id for heartbeats).
 */
public final class Outbound {

  private final EventSerializer<SandboxResult> results = new EventSerializer<>(SandboxResult.class);
  private final EventSerializer<LifecycleEvent> lifecycle = new EventSerializer<>(LifecycleEvent.class);
  private final EventSerializer<AuditEvent> audits = new EventSerializer<>(AuditEvent.class);
  private final EventSerializer<WorkerHeartbeat> heartbeats = new EventSerializer<>(WorkerHeartbeat.class);
  private final TopicNames topics;
  private final String source;

  /** Creates the encoder for a worker publishing to {@code topics}. */
  public Outbound(TopicNames topics, String workerId) {
    this.topics = topics;
    this.source = CloudEventAttributes.workerSource(workerId);
  }

  /** Returns the topic names. */
  public TopicNames topics() {
    return topics;
  }

  /** The result of {@code in}. */
  public OutboundRecord result(InboundRequest in, SandboxResult result) {
    CloudEventAttributes ce = CloudEventAttributes.of(EventKind.RESULT, UUID.randomUUID().toString(), source,
        result.getTimings().getFinishedAt(), in.requestId());
    return new OutboundRecord(topics.results(), requestKey(in), results.encode(result), EventHeaders.forEvent(ce, in));
  }

  /** A lifecycle event caused by {@code in}. */
  public OutboundRecord lifecycle(InboundRequest in, LifecycleEvent event) {
    return new OutboundRecord(topics.lifecycle(), requestKey(in), lifecycle.encode(event),
        EventHeaders.forEvent(lifecycleAttributes(event), in, event.getSandboxId()));
  }

  /** An audit event caused by {@code in}. */
  public OutboundRecord audit(InboundRequest in, AuditEvent event) {
    return new OutboundRecord(topics.audit(), auditKey(event), audits.encode(event),
        EventHeaders.forEvent(auditAttributes(event), in));
  }

  /** A lifecycle event of no inbound request (the reaper's receipts), keyed by {@code key}. */
  public OutboundRecord lifecycle(String key, LifecycleEvent event) {
    return new OutboundRecord(topics.lifecycle(), key, lifecycle.encode(event),
        EventHeaders.forEvent(lifecycleAttributes(event), event.getSandboxId()));
  }

  /** An audit event of no inbound request (the reaper's receipts). */
  public OutboundRecord audit(AuditEvent event) {
    return new OutboundRecord(topics.audit(), auditKey(event), audits.encode(event),
        EventHeaders.forEvent(auditAttributes(event)));
  }

  private CloudEventAttributes lifecycleAttributes(LifecycleEvent event) {
    return CloudEventAttributes.of(EventKind.LIFECYCLE, event.getEventId(), source, event.getAt(),
        event.getRequestId());
  }

  private CloudEventAttributes auditAttributes(AuditEvent event) {
    return CloudEventAttributes.of(EventKind.AUDIT, event.getMetadata().getEventUid(), source, event.getTime(),
        event.getRequestId());
  }

  /** Audit records are keyed by sandbox id, else request id. */
  private static String auditKey(AuditEvent event) {
    return event.getSandboxId() != null ? event.getSandboxId() : event.getRequestId();
  }

  /** The key of {@code in}'s record, else its request id: what its result and lifecycle events are keyed by. */
  private static String requestKey(InboundRequest in) {
    return in.key() != null ? in.key() : in.requestId();
  }

  /** A heartbeat, keyed by worker id. */
  public OutboundRecord heartbeat(WorkerHeartbeat beat) {
    CloudEventAttributes ce = CloudEventAttributes.of(EventKind.HEARTBEAT, UUID.randomUUID().toString(), source,
        beat.getAt() == null ? Instant.now() : beat.getAt(), beat.getWorkerId());
    return new OutboundRecord(topics.workers(), beat.getWorkerId(), heartbeats.encode(beat),
        EventHeaders.forEvent(ce));
  }
}
