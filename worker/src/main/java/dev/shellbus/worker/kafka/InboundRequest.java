package dev.shellbus.worker.kafka;

import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.SandboxRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/**
 * A decoded request as the consumer hands it to the {@link RequestHandler}, with where it came from.
 *
 * <p>Requests whose terminal result was already published never reach the handler: the consumer re-publishes their
 * stored result itself. {@code attempt} is 1 for a request seen for the first time and 1 + the attempt recorded in
 * the request-state topic when an earlier attempt was interrupted (worker crash, rebalance, shutdown); an attempt
 * above 1 tells the handler to look for the leftover sandbox of the earlier attempt by label and remove it first.
 *
 * @param topic the topic the request was read from
 * @param partition its partition
 * @param offset its offset
 * @param key the record key (session id, else request id); null when the producer sent none
 * @param headers the record headers, in order, as received
 * @param request the decoded request
 * @param traceparent the W3C traceparent to propagate: the request body's trace context, else the header, if valid
 * @param attempt which attempt this is, starting at 1
 * @param lease this worker's claim on the attempt: ask it before touching a sandbox
 */
public record InboundRequest(
    String topic,
    int partition,
    long offset,
    String key,
    List<Header> headers,
    SandboxRequest request,
    Optional<String> traceparent,
    int attempt,
    Lease lease) {

  /** Checks the fields and copies the header list. */
  public InboundRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(traceparent, "traceparent");
    Objects.requireNonNull(lease, "lease");
    headers = List.copyOf(headers);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
  }

  /** A request that came from no partition: its lease never ends. */
  public InboundRequest(String topic, int partition, long offset, String key, List<Header> headers,
      SandboxRequest request, Optional<String> traceparent, int attempt) {
    this(topic, partition, offset, key, headers, request, traceparent, attempt, Lease.NONE);
  }

  /** Returns the request id, the idempotency key. */
  public String requestId() {
    return request.getRequestId();
  }

  /** Returns whether this is a {@code Cancel} request, which bypasses its key's queue. */
  public boolean isCancel() {
    return request.getBody() instanceof Cancel;
  }

  /** Returns {@code topic-partition@offset}, the form log lines use. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }
}
