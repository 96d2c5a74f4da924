package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to one request, as the engine reports it to the request's
 * {@link EngineObserver}: each kind of happening is its own record with a typed payload, so the
 * compiler checks what the observer reads. Every event carries a {@link Header}: the request, the
 * moment it happened, the time since the request was accepted, the phase it happened in (and the
 * phase it led to), and the sandbox once known.
 */
public sealed interface EngineEvent {
  /**
   * What every event carries.
   *
   * @param context the request's envelope (ids, tenant, session, attempt, worker, caller labels)
   * @param at when it happened
   * @param elapsed time since the request was accepted
   * @param from the phase it happened in
   * @param to the phase it led to ({@code from} for everything but a {@link PhaseChanged})
   * @param sandboxName the sandbox name, once chosen
   * @param sandbox the sandbox handle, once known
   */
  record Header(RequestContext context, Instant at, Duration elapsed, RequestState from, RequestState to,
      Optional<String> sandboxName, Optional<SandboxHandle> sandbox) {
    public Header {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(at, "at");
    }
  }

  Header header();

  default RequestContext context() {
    return header().context();
  }

  default Instant at() {
    return header().at();
  }

  /** Why a request changed phase. */
  enum Cause {
    /** Its work went on to the next phase. */
    NEXT,
    /** A failure interrupted it. */
    FAILURE,
    /** A Cancel interrupted it. */
    CANCEL,
    /** Its deadline interrupted it. */
    DEADLINE,
    /** It ended in the terminal phase {@code to}. */
    FINISH
  }

  /**
   * The request moved from one phase to another.
   *
   * @param reason why, for interruptions and unsuccessful ends (a failure code, a colon and a message)
   */
  record PhaseChanged(Header header, Cause cause, Optional<String> reason) implements EngineEvent {}

  /**
   * The request's sandbox exists: created now, or adopted after a retried create whose first answer was lost.
   *
   * @param took time from sending the create to this answer, retries included
   */
  record SandboxCreated(Header header, SandboxHandle sandbox, boolean adopted, Duration took) implements EngineEvent {}

  /**
   * The sandbox was seen READY.
   *
   * @param took time from its creation to READY
   */
  record SandboxReady(Header header, Duration took) implements EngineEvent {}

  /**
   * The sandbox answered "not ready"; the operation is repeated once it is READY again.
   *
   * @param attempt which repeat this is, from 1
   */
  record SandboxNotReady(Header header, int attempt) implements EngineEvent {}

  /** One input was written into the sandbox, at {@code header().at()}. */
  record InputWritten(Header header, InputReceipt receipt) implements EngineEvent {}

  /**
   * A step (or the command of a session Exec, as step 0 named "exec") was sent.
   *
   * @param index zero-based position in the job
   * @param spec the step as requested (argv, environment and stdin unredacted: the observer redacts)
   */
  record StepStarted(Header header, int index, StepSpec spec) implements EngineEvent {}

  /**
   * A step ended by itself (an interrupted step is reported in the outcome only).
   *
   * @param spec the step as requested, as in its {@link StepStarted}
   * @param result how it ended: index, status, exit code, start and end
   */
  record StepFinished(Header header, StepSpec spec, StepResult result) implements EngineEvent {
    /** From sending the exec to its exit. */
    public Duration duration() {
      return result.startedAt().flatMap(s -> result.finishedAt().map(f -> Duration.between(s, f)))
          .orElse(Duration.ZERO);
    }
  }

  /** What was stored: an artifact path or the workspace snapshot of a CloseSession. */
  enum StoredKind {
    ARTIFACT,
    SNAPSHOT
  }

  /**
   * A sandbox path (or, for a snapshot, the workspace) was stored in the object store.
   *
   * @param path the declared sandbox path, or the workspace directory for a snapshot
   * @param object where it is, with size and SHA-256
   */
  record ArtifactStored(Header header, StoredKind kind, String path, StoredObject object) implements EngineEvent {}

  /**
   * The gateway accepted the deletion of a sandbox.
   *
   * @param started whether a deletion started (false: it was already gone)
   * @param took how long the delete took, retries included
   */
  record SandboxDeleted(Header header, String name, boolean started, Duration took) implements EngineEvent {}

  /**
   * Deleting a sandbox failed; the reaper will retry.
   *
   * @param took how long the attempt took, retries included
   */
  record SandboxDeleteFailed(Header header, String name, Duration took) implements EngineEvent {}

  /** The sandbox stays (a session, or a job that asked to keep it). */
  record SandboxKept(Header header, String name) implements EngineEvent {}
}
