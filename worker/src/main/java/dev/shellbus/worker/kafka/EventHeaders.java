package dev.shellbus.worker.kafka;

import dev.shellbus.events.Topics;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.headers.TraceHeaders;
import dev.shellbus.events.headers.TraceParent;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the headers of outgoing events: CloudEvents binary mode plus the request's W3C trace context.
 *
 * <p>The trace context of a request is taken from its body ({@code SandboxRequest.trace}, which survives
 * re-publishing) and, when the body has none, from the request record's {@code traceparent} and {@code tracestate}
 * headers. Invalid values are dropped, as the W3C specification asks.
 */
public final class EventHeaders {

  private EventHeaders() {}

  /** Returns the headers of an event about {@code cause}: its CloudEvents attributes and the propagated trace. */
  public static List<Header> forEvent(CloudEventAttributes attributes, InboundRequest cause) {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, attributes);
    propagateTrace(cause.request(), new RecordHeaders(cause.headers().toArray(Header[]::new)), headers);
    return List.of(headers.toArray());
  }

  /**
   * Returns the headers of an event about {@code cause} and a sandbox: as {@link #forEvent(CloudEventAttributes,
   * InboundRequest)} plus {@link Topics#SANDBOX_ID_HEADER} when {@code sandboxId} is not null.
   */
  public static List<Header> forEvent(CloudEventAttributes attributes, InboundRequest cause, String sandboxId) {
    return withSandbox(forEvent(attributes, cause), sandboxId);
  }

  /** Returns the headers of an event about a sandbox that has no causing request (a reaper receipt). */
  public static List<Header> forEvent(CloudEventAttributes attributes, String sandboxId) {
    return withSandbox(forEvent(attributes), sandboxId);
  }

  private static List<Header> withSandbox(List<Header> headers, String sandboxId) {
    if (sandboxId == null) {
      return headers;
    }
    List<Header> out = new ArrayList<>(headers);
    out.add(new RecordHeader(Topics.SANDBOX_ID_HEADER, sandboxId.getBytes(StandardCharsets.UTF_8)));
    return List.copyOf(out);
  }

  /** Returns the headers of an event that has no causing request, e.g. a heartbeat. */
  public static List<Header> forEvent(CloudEventAttributes attributes) {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, attributes);
    return List.of(headers.toArray());
  }

  /** Returns the valid traceparent of a request: from its body, else from its record headers. */
  public static Optional<String> traceparent(SandboxRequest request, Headers recordHeaders) {
    Optional<TraceParent> fromBody = request.getTrace() == null
        ? Optional.empty() : TraceParent.parse(request.getTrace().getTraceparent());
    return fromBody.or(() -> TraceHeaders.read(recordHeaders)).map(TraceParent::format);
  }

  private static void propagateTrace(SandboxRequest request, Headers in, Headers out) {
    if (!TraceHeaders.propagate(request.getTrace(), out)) {
      TraceHeaders.read(in).ifPresent(p -> TraceHeaders.write(out, p, TraceHeaders.readState(in).orElse(null)));
    }
  }
}
