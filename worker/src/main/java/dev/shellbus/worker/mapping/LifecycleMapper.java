package dev.shellbus.worker.mapping;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.orchestrator.engine.LifecycleTransition;
import dev.shellbus.orchestrator.engine.RequestEvent;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.worker.audit.SecretScrubber;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns engine transitions into {@code LifecycleEvent} records.
 *
 * <p>Transitions the contract has a type for are published: creating, ready, not-ready retries, inputs staged, step
 * started and finished, artifact or snapshot stored, deleted, cancel requested and the four terminal ones. Internal
 * steps without a contract type (locating a session, the sandbox-created answer, kept sandboxes, the failure or
 * deadline interrupt that precedes the terminal event) are not. The caller's request labels are echoed in the
 * attributes as {@code label.<key>}.
 */
public final class LifecycleMapper {

  private LifecycleMapper() {}

  /** Returns the contract type of {@code t}, or empty when it is not published. */
  public static Optional<LifecycleType> type(LifecycleTransition t) {
    RequestEvent event = t.event();
    if (t.from() == RequestState.UPLOADING && (event == RequestEvent.RUN_STEPS || event == RequestEvent.CLEAN_UP)) {
      return Optional.of(LifecycleType.INPUTS_STAGED);
    }
    LifecycleType type = switch (event) {
      case CREATE -> LifecycleType.SANDBOX_CREATING;
      case SANDBOX_READY -> LifecycleType.SANDBOX_READY;
      case SANDBOX_NOT_READY -> LifecycleType.RETRYING;
      case STEP_STARTED -> LifecycleType.STEP_STARTED;
      case STEP_FINISHED -> LifecycleType.STEP_FINISHED;
      case ARTIFACT_STORED -> "snapshot".equals(t.attributes().get("artifact.kind"))
          ? LifecycleType.SNAPSHOT_STORED : LifecycleType.ARTIFACT_STORED;
      case SANDBOX_DELETED -> LifecycleType.SANDBOX_DELETED;
      case CANCEL -> LifecycleType.CANCEL_REQUESTED;
      case FINISH_SUCCEEDED -> LifecycleType.SUCCEEDED;
      case FINISH_FAILED -> LifecycleType.FAILED;
      case FINISH_CANCELLED -> LifecycleType.CANCELLED;
      case FINISH_TIMED_OUT -> LifecycleType.TIMED_OUT;
      default -> null;
    };
    return Optional.ofNullable(type);
  }

  /** Whether the type ends the request (and belongs in its completion rather than being published at once). */
  public static boolean terminal(LifecycleType type) {
    return type == LifecycleType.SUCCEEDED || type == LifecycleType.FAILED || type == LifecycleType.CANCELLED
        || type == LifecycleType.TIMED_OUT || type == LifecycleType.REJECTED;
  }

  /** Builds the event of {@code t} with type {@code type}; reasons pass through {@code scrubber}. */
  public static LifecycleEvent event(LifecycleTransition t, LifecycleType type, SecretScrubber scrubber) {
    LifecycleEvent.Builder b = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setRequestId(t.context().requestId()).setSessionId(t.context().sessionId().orElse(null))
        .setSandboxName(t.sandboxName().orElse(null)).setTenant(t.context().tenant())
        .setWorkerId(t.context().workerId()).setType(type).setAt(t.at()).setAttempt(t.context().attempt())
        .setFromState(t.from().name()).setToState(t.to().name())
        .setReason(t.reason().map(scrubber::text).orElse(null)).setElapsedMs(t.elapsed().toMillis())
        .setAttributes(attributes(t.attributes(), t.context().labels()));
    t.sandbox().ifPresent(h -> b.setSandboxId(h.id()).setSandboxName(h.name()));
    String index = t.attributes().get("step.index");
    if (index != null) {
      b.setStepIndex(Integer.parseInt(index)).setStepName(t.attributes().get("step.name"));
    }
    String exit = t.attributes().get("exit.code");
    if (exit != null) {
      b.setExitCode(Integer.parseInt(exit));
    }
    return b.build();
  }

  /**
   * Builds an event the worker itself observes (accepted, rejected, a result for a request that did not run).
   *
   * @param sinceAccepted time since acceptance, or null
   */
  public static LifecycleEvent own(SandboxRequest request, int attempt, String workerId, LifecycleType type,
      String reason, Instant at, Duration sinceAccepted) {
    return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setRequestId(request.getRequestId()).setSessionId(RequestKind.sessionId(request).orElse(null))
        .setTenant(request.getTenant()).setWorkerId(workerId).setType(type).setAt(at).setAttempt(attempt)
        .setReason(reason).setElapsedMs(sinceAccepted == null ? null : sinceAccepted.toMillis())
        .setAttributes(attributes(Map.of(), request.getLabels())).build();
  }

  /** The transition's detail plus the caller's labels, echoed as {@code label.<key>}. */
  static Map<String, String> attributes(Map<String, String> detail, Map<String, String> labels) {
    Map<String, String> out = new HashMap<>(detail);
    labels.forEach((k, v) -> out.putIfAbsent("label." + k, v));
    return out;
  }
}
