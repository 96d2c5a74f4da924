package dev.shellbus.events.headers;

import dev.shellbus.events.v1.TraceContext;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Carries W3C Trace Context in Kafka headers {@code traceparent} and {@code tracestate}.
 *
 * <p>The request's {@link TraceContext} travels in the record body so that it survives re-publishing; the worker
 * copies it onto every event it emits for the request with {@link #propagate(TraceContext, Headers)}. Invalid values
 * are dropped rather than passed on, and {@code tracestate} is dropped when longer than 512 characters, when it is
 * not printable ASCII, or when it has more than 32 list members.
 */
public final class TraceHeaders {

  /** Header carrying the W3C traceparent. */
  public static final String TRACEPARENT = "traceparent";
  /** Header carrying the W3C tracestate. */
  public static final String TRACESTATE = "tracestate";

  static final int MAX_TRACESTATE_LENGTH = 512;
  private static final int MAX_TRACESTATE_MEMBERS = 32;

  private TraceHeaders() {}

  /** Writes {@code parent} and, when valid, {@code tracestate}; replaces earlier values. */
  public static void write(Headers headers, TraceParent parent, String tracestate) {
    Utf8Headers.put(headers, TRACEPARENT, parent.format());
    headers.remove(TRACESTATE);
    if (validTraceState(tracestate)) {
      Utf8Headers.put(headers, TRACESTATE, tracestate);
    }
  }

  /** Copies a request's trace context onto {@code headers}; returns false (writing nothing) when it is absent or invalid. */
  public static boolean propagate(TraceContext context, Headers headers) {
    Optional<TraceParent> parent = context == null ? Optional.empty() : TraceParent.parse(context.getTraceparent());
    parent.ifPresent(p -> write(headers, p, context.getTracestate()));
    return parent.isPresent();
  }

  /** Reads a valid traceparent, if any. */
  public static Optional<TraceParent> read(Headers headers) {
    return Utf8Headers.last(headers, TRACEPARENT).flatMap(TraceParent::parse);
  }

  /** Reads a valid tracestate, if any. */
  public static Optional<String> readState(Headers headers) {
    return Utf8Headers.last(headers, TRACESTATE).filter(TraceHeaders::validTraceState);
  }

  /** Returns the trace context to store in a request body from headers, if they carry a valid traceparent. */
  public static Optional<TraceContext> toContext(Headers headers) {
    return read(headers).map(p -> TraceContext.newBuilder()
        .setTraceparent(p.format())
        .setTracestate(readState(headers).orElse(null))
        .build());
  }

  static boolean validTraceState(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_TRACESTATE_LENGTH) {
      return false;
    }
    if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      return false;
    }
    return value.split(",", -1).length <= MAX_TRACESTATE_MEMBERS;
  }
}
