package dev.shellbus.worker.process;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.worker.audit.SecretScrubber;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.logging.LogContext;
import dev.shellbus.worker.mapping.RequestKind;
import java.time.Instant;

/**
 * What the worker knows about one request attempt when it arrives: where it came from, its kind, when it was
 * accepted and its secrets. Immutable; what changes while the attempt runs belongs to its {@link RequestAttempt}.
 */
final class RequestTrack {

  final InboundRequest in;
  final SandboxRequest request;
  final RequestKind kind;
  final Instant acceptedAt;
  final SecretScrubber scrubber;

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

  /** The MDC ids of this request (no sandbox yet), for a {@code try} block around log calls. */
  LogContext log() {
    return LogContext.of(requestId(), sessionId(), null, null, request.getTenant());
  }
}
