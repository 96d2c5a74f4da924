package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope every request carries into the engine: who asked, for which tenant and session,
 * which attempt this is, by when it must be done, and which worker runs it.
 *
 * @param requestId the idempotency key of the request
 * @param tenant the tenant it is billed and isolated under
 * @param principal the identity that submitted it (for audit; never interpreted)
 * @param sessionId the session it belongs to, for session requests
 * @param attempt which attempt this is, starting at 1
 * @param deadline the one absolute deadline of the request
 * @param labels caller metadata, echoed in lifecycle transitions
 * @param workerId the worker running it (written into sandbox labels)
 */
public record RequestContext(
    String requestId,
    String tenant,
    String principal,
    Optional<String> sessionId,
    int attempt,
    Deadline deadline,
    Map<String, String> labels,
    String workerId) {
  public RequestContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(workerId, "workerId");
    labels = Map.copyOf(labels);
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
  }

  /**
   * The key of the requests that run in order with this one: the tenant and session id for a session call, else the
   * request id. The engine queues a session's calls and picks a request's lane by it.
   */
  public String orderKey() {
    return sessionId.map(s -> tenant + "\n" + s).orElse(requestId);
  }

  /** The session id, or a failure naming the request when there is none. */
  public String requireSession() {
    return sessionId.orElseThrow(() -> new IllegalArgumentException("request " + requestId + " has no session id"));
  }
}
