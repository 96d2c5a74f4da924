package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.CollectedArtifact;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything one request has done so far and where it stands: its phase, its sandbox, the steps, inputs,
 * artifacts and logs it produced, its milestones, the exec running now (so an interruption can cancel it) and its
 * {@link Verdict}. Created and owned by the request's {@link RequestDriver}, which moves its phase; the flows say
 * what happened through the small methods below and read the rest back, never writing a field. Progress is
 * reported to the observer as it happens, and dropped when the request has moved on from the phase it belongs to.
 * Not thread-safe: every method runs on the request's context.
 */
final class RequestProgress {
  private static final Set<RequestState> EXECUTING = EnumSet.of(RequestState.UPLOADING, RequestState.RUNNING_STEP);
  private static final Set<RequestState> UPLOADING = EnumSet.of(RequestState.UPLOADING);
  private static final Set<RequestState> RUNNING = EnumSet.of(RequestState.RUNNING_STEP);
  private static final Set<RequestState> COLLECTING = EnumSet.of(RequestState.COLLECTING);
  private static final Set<RequestState> CLEANING_UP = EnumSet.of(RequestState.CLEANING_UP);

  private final RequestContext context;
  private final Clock clock;
  private final RequestStateMachine machine;
  private final EngineObserver observer;
  private final Verdict verdict = new Verdict();
  private final Milestones milestones = new Milestones();
  private final List<StepResult> steps = new ArrayList<>();
  private final List<ArtifactResult> artifacts = new ArrayList<>();
  private final List<InputReceipt> inputs = new ArrayList<>();
  private final List<StoredObject> logs = new ArrayList<>();
  private String workspace = "";
  private Optional<String> sandboxName = Optional.empty();
  private Optional<SandboxHandle> sandbox = Optional.empty();
  private Future<?> pendingCreate = Future.succeededFuture();
  private Optional<StoredObject> manifest = Optional.empty();
  private Optional<StoredObject> snapshot = Optional.empty();
  private Optional<String> lastStep = Optional.empty();
  private ExecCall currentCall;
  private String currentPidFile;
  private int runningStep = -1;

  RequestProgress(RequestContext context, Clock clock, EngineObserver observer) {
    this.context = context;
    this.clock = clock;
    this.observer = observer;
    this.machine = new RequestStateMachine(context, observer, clock, () -> sandboxName, () -> sandbox);
  }

  // Phase: moved by the driver alone.

  RequestState state() {
    return machine.state();
  }

  /** Takes the table row for a phase change and reports it; throws IllegalStateException if there is none. */
  Transition fire(RequestEvent event, Optional<String> reason) {
    return machine.fire(event, reason);
  }

  // Failure and interruption: decided by the verdict.

  void fail(ShellbusException cause) {
    verdict.fail(cause);
  }

  void warn(String warning) {
    verdict.warn(warning);
  }

  /** Whether an interruption would still count: the request is neither cleaning up, over, nor interrupted. */
  boolean interruptible() {
    RequestState state = machine.state();
    return !state.terminal() && state != RequestState.CLEANING_UP && !verdict.interrupted();
  }

  /** Records an interruption and cancels the running exec; returns false (and does nothing) when not interruptible. */
  boolean interrupt(Interruption interruption) {
    if (!interruptible()) {
      return false;
    }
    verdict.interrupt(interruption);
    if (currentCall != null) {
      currentCall.cancel();
    }
    return true;
  }

  /** A step's exec ran into the request deadline (the exec is over); the request goes on with DEADLINE. */
  RequestEvent ranIntoDeadline(String reason) {
    verdict.interrupt(new Interruption(Interruption.Kind.DEADLINE, reason));
    return RequestEvent.DEADLINE;
  }

  boolean interrupted() {
    return verdict.interrupted();
  }

  boolean failedOrInterrupted() {
    return verdict.failedOrInterrupted();
  }

  boolean failedWith(FailureCode code) {
    return verdict.failedWith(code);
  }

  Verdict.Move afterFailure(Throwable cause) {
    return verdict.afterFailure(cause, machine.state(), context.deadline().expired());
  }

  Optional<Verdict.Move> afterBug(IllegalStateException bug) {
    return verdict.afterBug(bug, machine.state());
  }

  RequestEvent finishEvent() {
    return verdict.finishEvent();
  }

  Optional<String> reasonFor(RequestEvent event) {
    return verdict.reasonFor(event);
  }

  // Sandbox.

  /** A sandbox named {@code name} is being created in {@code workspace}. */
  void creating(String name, String workspace) {
    this.sandboxName = Optional.of(name);
    this.workspace = workspace;
    milestones.creating = now();
  }

  /** The create in flight, which a release waits for so that a late create cannot leak. */
  void createPending(Future<?> create) {
    pendingCreate = create;
  }

  /** The request's own sandbox exists: created, adopted, or found left over by a create whose answer was lost. */
  void sandboxCreated(SandboxHandle handle) {
    sandbox = Optional.of(handle);
  }

  /** The request works in an existing sandbox (a session's). */
  void sandboxLocated(SandboxHandle handle) {
    sandbox = Optional.of(handle);
    sandboxName = Optional.of(handle.name());
    workspace = handle.workspace();
  }

  void sandboxReady() {
    milestones.ready = now();
  }

  void sandboxDeleted(String name, boolean started, Instant sent) {
    milestones.deleted = now();
    report(CLEANING_UP, h -> new EngineEvent.SandboxDeleted(h, name, started, Duration.between(sent, h.at())));
  }

  void sandboxDeleteFailed(String name, Instant sent, Throwable failure) {
    warn("delete of sandbox " + name + " failed (the reaper will retry): " + failure.getMessage());
    report(CLEANING_UP, h -> new EngineEvent.SandboxDeleteFailed(h, name, Duration.between(sent, h.at())));
  }

  void sandboxKept() {
    report(CLEANING_UP, h -> new EngineEvent.SandboxKept(h, sandboxName.orElse("")));
  }

  /** The handle, or a failure saying there is no sandbox (a bug in the flow). */
  SandboxHandle requireSandbox() {
    return sandbox.orElseThrow(() -> new ShellbusException(FailureCode.INTERNAL, "no sandbox known for " + context.requestId()));
  }

  Optional<SandboxHandle> sandbox() {
    return sandbox;
  }

  Optional<String> sandboxName() {
    return sandboxName;
  }

  String workspace() {
    return workspace;
  }

  Future<?> pendingCreate() {
    return pendingCreate;
  }

  // Inputs.

  void inputWritten(InputReceipt receipt) {
    report(UPLOADING, h -> new EngineEvent.InputWritten(h, receipt));
  }

  /** All inputs are in the sandbox. */
  void inputsStaged(List<InputReceipt> receipts) {
    inputs.addAll(receipts);
    milestones.inputs = now();
  }

  // Steps.

  void stepStarted(int index, StepSpec spec) {
    runningStep = index;
    report(RUNNING, h -> new EngineEvent.StepStarted(h, index, spec));
  }

  /** The step's command is being launched; {@code pidFile} is where it records its pid, null when it is not killable. */
  void commandLaunching(String pidFile) {
    currentPidFile = pidFile;
  }

  /** Records a step's end, as an interruption left it if there was one; only an uninterrupted end is reported. */
  StepResult stepFinished(StepSpec spec, StepResult result) {
    StepResult recorded = verdict.interrupted() ? verdict.cutShort(result, now()) : result;
    steps.add(recorded);
    lastStep = Optional.of(spec.name());
    if (!verdict.interrupted()) {
      report(RUNNING, h -> new EngineEvent.StepFinished(h, spec, recorded));
    }
    return recorded;
  }

  void stepsDone() {
    milestones.steps = now();
  }

  void logStored(StoredObject log) {
    logs.add(log);
  }

  /** The steps of {@code names} that never finished: SKIPPED, or as the interruption left the one that was running. */
  List<StepResult> unfinished(List<String> names) {
    List<StepResult> left = new ArrayList<>();
    for (int i = steps.size(); i < names.size(); i++) {
      StepResult never = StepResult.skipped(i, names.get(i));
      left.add(i == runningStep && verdict.interrupted() ? verdict.cutShort(never, now()) : never);
    }
    return left;
  }

  /** The pid file of the command that ran last, when it was made killable. */
  Optional<String> pidFile() {
    return Optional.ofNullable(currentPidFile);
  }

  Optional<String> lastStep() {
    return lastStep;
  }

  List<StepResult> steps() {
    return Collections.unmodifiableList(steps);
  }

  List<StoredObject> logs() {
    return Collections.unmodifiableList(logs);
  }

  /**
   * The observer for execs of this request: remembers the running call (cancelled at once when the request is
   * already interrupted), reports not-ready sandboxes, and asks the request's observer whether the attempt is fenced.
   */
  ExecLauncher.Observer execObserver() {
    return new ExecLauncher.Observer() {
      @Override
      public void started(ExecCall call) {
        currentCall = call;
        if (verdict.interrupted()) {
          call.cancel();
        }
      }

      @Override
      public void notReady(int attempt) {
        report(EXECUTING, h -> new EngineEvent.SandboxNotReady(h, attempt));
      }

      @Override
      public Optional<String> fenced() {
        return observer.fenced();
      }
    };
  }

  /** An exec observer that only carries the attempt's fence: for helper execs (kills) that no cancel should reach. */
  ExecLauncher.Observer fence() {
    return new ExecLauncher.Observer() {
      @Override
      public Optional<String> fenced() {
        return observer.fenced();
      }
    };
  }

  // Artifacts, snapshot, manifest.

  void artifactStored(CollectedArtifact artifact, Optional<String> step) {
    artifacts.add(new ArtifactResult(artifact, step));
    report(COLLECTING, h -> new EngineEvent.ArtifactStored(h, EngineEvent.StoredKind.ARTIFACT, artifact.path(),
        artifact.object()));
  }

  void artifactsCollected() {
    milestones.artifacts = now();
  }

  void snapshotStored(String workspaceDir, StoredObject stored) {
    snapshot = Optional.of(stored);
    milestones.artifacts = now();
    report(COLLECTING, h -> new EngineEvent.ArtifactStored(h, EngineEvent.StoredKind.SNAPSHOT, workspaceDir, stored));
  }

  void manifestStored(StoredObject stored) {
    manifest = Optional.of(stored);
  }

  List<ArtifactResult> artifacts() {
    return Collections.unmodifiableList(artifacts);
  }

  Optional<StoredObject> snapshot() {
    return snapshot;
  }

  // The end.

  /** The outcome of a request that reached {@code terminal}, with {@code unfinished} steps after the recorded ones. */
  Outcome outcome(RequestState terminal, List<StepResult> unfinished) {
    List<StepResult> all = new ArrayList<>(steps);
    all.addAll(unfinished);
    return new Outcome(context.requestId(), context.attempt(), status(terminal), all, artifacts, manifest, snapshot,
        inputs, sandbox, timings(), verdict.error(), verdict.warnings());
  }

  Instant now() {
    return clock.instant();
  }

  /** Reports a progress event while the request is in one of {@code phases}; dropped once it has moved on. */
  private void report(Set<RequestState> phases, Function<EngineEvent.Header, EngineEvent> detail) {
    if (phases.contains(machine.state())) {
      machine.report(detail);
    }
  }

  private Timings timings() {
    Milestones m = milestones;
    return new Timings(machine.acceptedAt(), Optional.ofNullable(m.creating), Optional.ofNullable(m.ready),
        Optional.ofNullable(m.inputs), Optional.ofNullable(m.steps), Optional.ofNullable(m.artifacts),
        Optional.ofNullable(m.deleted), now());
  }

  private static Outcome.Status status(RequestState terminal) {
    switch (terminal) {
      case SUCCEEDED:
        return Outcome.Status.SUCCEEDED;
      case CANCELLED:
        return Outcome.Status.CANCELLED;
      case TIMED_OUT:
        return Outcome.Status.TIMED_OUT;
      default:
        return Outcome.Status.FAILED;
    }
  }

  /** When the attempt reached each milestone; frozen into {@link Timings} at the end. */
  private static final class Milestones {
    Instant creating;
    Instant ready;
    Instant inputs;
    Instant steps;
    Instant artifacts;
    Instant deleted;
  }
}
