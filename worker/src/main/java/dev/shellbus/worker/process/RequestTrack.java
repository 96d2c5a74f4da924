package dev.shellbus.worker.process;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.worker.audit.AuditTrail;
import dev.shellbus.worker.audit.SecretScrubber;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.logging.LogContext;
import dev.shellbus.worker.mapping.RequestKind;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the worker keeps about one running request attempt: where it came from, its secrets, its audit trail, the
 * publishes still in flight, the terminal lifecycle event held back for the completion, and whether the consumer gave
 * it up. Touched on the request's Vert.x context only.
 */
final class RequestTrack {

  final InboundRequest in;
  final SandboxRequest request;
  final RequestKind kind;
  final Instant acceptedAt;
  final SecretScrubber scrubber;
  final List<Future<Void>> pending = new ArrayList<>();
  AuditTrail audit;
  LifecycleEvent terminal;
  boolean abandoned;
  String sandboxId;
  String sandboxName;

  RequestTrack(InboundRequest in, Instant acceptedAt) {
    this.in = in;
    this.request = in.request();
    this.kind = RequestKind.of(request);
    this.acceptedAt = acceptedAt;
    this.scrubber = SecretScrubber.of(request);
  }

  String requestId() {
    return request.getRequestId();
  }

  String sessionId() {
    return RequestKind.sessionId(request).orElse(null);
  }

  /** The MDC ids of this request, for a {@code try} block around log calls. */
  LogContext log() {
    return LogContext.of(requestId(), sessionId(), sandboxId, sandboxName, request.getTenant());
  }

  /** Completes when every publish started so far has settled (they never fail). */
  Future<Void> settled() {
    return Future.join(List.copyOf(pending)).mapEmpty();
  }
}
