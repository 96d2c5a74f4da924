package dev.shellbus.worker.mapping;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.worker.audit.SecretScrubber;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns engine events into {@code LifecycleEvent} records.
 *
 * <p>Events the contract has a type for are published: creating, ready, not-ready retries, inputs staged, step
 * started and finished, artifact or snapshot stored, deleted, cancel requested and the four terminal ones. Internal
 * steps without a contract type (locating a session, the sandbox-created answer, each input written, kept sandboxes,
 * the failure or deadline interrupt that precedes the terminal event) are not. The contract's {@code attributes} are
 * built here from the typed payloads; the caller's request labels are echoed in them as {@code label.<key>}.
 */
public final class LifecycleMapper {

  private LifecycleMapper() {}

  /** Returns the contract type of {@code e}, or empty when it is not published. */
  public static Optional<LifecycleType> type(EngineEvent e) {
    if (e instanceof EngineEvent.PhaseChanged p) {
      return phaseType(p);
    }
    LifecycleType type = null;
    if (e instanceof EngineEvent.SandboxReady) {
      type = LifecycleType.SANDBOX_READY;
    } else if (e instanceof EngineEvent.SandboxNotReady) {
      type = LifecycleType.RETRYING;
    } else if (e instanceof EngineEvent.StepStarted) {
      type = LifecycleType.STEP_STARTED;
    } else if (e instanceof EngineEvent.StepFinished) {
      type = LifecycleType.STEP_FINISHED;
    } else if (e instanceof EngineEvent.ArtifactStored a) {
      type = a.kind() == EngineEvent.StoredKind.SNAPSHOT ? LifecycleType.SNAPSHOT_STORED : LifecycleType.ARTIFACT_STORED;
    } else if (e instanceof EngineEvent.SandboxDeleted) {
      type = LifecycleType.SANDBOX_DELETED;
    }
    return Optional.ofNullable(type);
  }

  private static Optional<LifecycleType> phaseType(EngineEvent.PhaseChanged p) {
    RequestState from = p.header().from();
    RequestState to = p.header().to();
    LifecycleType type = switch (p.cause()) {
      case CANCEL -> LifecycleType.CANCEL_REQUESTED;
      case FINISH -> switch (to) {
        case SUCCEEDED -> LifecycleType.SUCCEEDED;
        case CANCELLED -> LifecycleType.CANCELLED;
        case TIMED_OUT -> LifecycleType.TIMED_OUT;
        default -> LifecycleType.FAILED;
      };
      case NEXT -> to == RequestState.CREATING ? LifecycleType.SANDBOX_CREATING
          : from == RequestState.UPLOADING ? LifecycleType.INPUTS_STAGED : null;
      default -> null;
    };
    return Optional.ofNullable(type);
  }

  /** Whether the type ends the request (and belongs in its completion rather than being published at once). */
  public static boolean terminal(LifecycleType type) {
    return type == LifecycleType.SUCCEEDED || type == LifecycleType.FAILED || type == LifecycleType.CANCELLED
        || type == LifecycleType.TIMED_OUT || type == LifecycleType.REJECTED;
  }

  /** Builds the event of {@code e} with type {@code type}; reasons pass through {@code scrubber}. */
  public static LifecycleEvent event(EngineEvent e, LifecycleType type, SecretScrubber scrubber) {
    EngineEvent.Header h = e.header();
    Optional<String> reason = e instanceof EngineEvent.PhaseChanged p ? p.reason() : Optional.empty();
    LifecycleEvent.Builder b = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setRequestId(h.context().requestId()).setSessionId(h.context().sessionId().orElse(null))
        .setSandboxName(h.sandboxName().orElse(null)).setTenant(h.context().tenant())
        .setWorkerId(h.context().workerId()).setType(type).setAt(h.at()).setAttempt(h.context().attempt())
        .setFromState(h.from().name()).setToState(h.to().name())
        .setReason(reason.map(scrubber::text).orElse(null)).setElapsedMs(h.elapsed().toMillis())
        .setAttributes(attributes(detail(e), h.context().labels()));
    h.sandbox().ifPresent(s -> b.setSandboxId(s.id()).setSandboxName(s.name()));
    if (e instanceof EngineEvent.StepStarted s) {
      b.setStepIndex(s.index()).setStepName(s.spec().name());
    } else if (e instanceof EngineEvent.StepFinished f) {
      b.setStepIndex(f.result().index()).setStepName(f.result().name());
      f.result().exitCode().ifPresent(b::setExitCode);
    }
    return b.build();
  }

  /** The contract's detail attributes of {@code e} (the same keys and values for as long as the contract lives). */
  static Map<String, String> detail(EngineEvent e) {
    Map<String, String> out = new HashMap<>();
    if (e instanceof EngineEvent.SandboxNotReady n) {
      out.put("retry.attempt", Integer.toString(n.attempt()));
    } else if (e instanceof EngineEvent.StepStarted s) {
      out.put("step.index", Integer.toString(s.index()));
      out.put("step.name", s.spec().name());
    } else if (e instanceof EngineEvent.StepFinished f) {
      out.put("step.index", Integer.toString(f.result().index()));
      out.put("step.name", f.result().name());
      out.put("step.status", f.result().status().name());
      f.result().exitCode().ifPresent(code -> out.put("exit.code", Integer.toString(code)));
    } else if (e instanceof EngineEvent.ArtifactStored a) {
      if (a.kind() == EngineEvent.StoredKind.SNAPSHOT) {
        out.put("artifact.kind", "snapshot");
      } else {
        out.put("artifact.path", a.path());
      }
      out.put("artifact.uri", a.object().uri());
      out.put("artifact.sha256", a.object().sha256());
      out.put("artifact.size", Long.toString(a.object().size()));
    } else if (e instanceof EngineEvent.SandboxDeleted d) {
      out.put("sandbox.name", d.name());
      out.put("deleted", Boolean.toString(d.started()));
    } else if (e instanceof EngineEvent.SandboxKept k) {
      out.put("sandbox.name", k.name());
    } else if (e instanceof EngineEvent.SandboxDeleteFailed f) {
      out.put("sandbox.name", f.name());
    }
    return out;
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
