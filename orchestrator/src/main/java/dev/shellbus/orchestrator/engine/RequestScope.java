package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything one request accumulates while it runs: its sandbox, the first failure or the
 * interruption, step results, artifacts, inputs, milestones, and the exec currently running (so a
 * cancel can reach it). Touched only on the request's context.
 */
final class RequestScope {
  final RequestContext context;
  final EngineServices services;
  final ObjectKeys keys;
  final RequestStateMachine machine;
  final List<StepResult> steps = new ArrayList<>();
  final List<ArtifactResult> artifacts = new ArrayList<>();
  final List<InputReceipt> inputs = new ArrayList<>();
  final List<StoredObject> logs = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final Milestones milestones = new Milestones();
  String workspace = "";
  Optional<String> sandboxName = Optional.empty();
  Optional<SandboxHandle> sandbox = Optional.empty();
  Future<?> pendingCreate = Future.succeededFuture();
  Optional<StoredObject> manifest = Optional.empty();
  Optional<StoredObject> snapshot = Optional.empty();
  Optional<String> lastStep = Optional.empty();
  ShellbusException failure;
  Interruption interruption;
  ExecCall currentCall;
  String currentPidFile;
  int runningStep = -1;

  /** Mutable milestones, frozen into {@link Timings} at the end. */
  static final class Milestones {
    Instant creating;
    Instant ready;
    Instant inputs;
    Instant steps;
    Instant artifacts;
    Instant deleted;
  }

  RequestScope(RequestContext context, EngineServices services, EngineObserver observer) {
    this.context = context;
    this.services = services;
    this.keys = new ObjectKeys(services.config(), context);
    this.machine = new RequestStateMachine(context, observer, services.config().clock(), () -> sandboxName, () -> sandbox);
  }

  Deadline deadline() {
    return context.deadline();
  }

  /** The bound for clean-up: the request deadline plus the configured grace. */
  Deadline cleanupDeadline() {
    return context.deadline().reserving(services.config().cleanupGrace().negated());
  }

  Instant now() {
    return services.config().clock().instant();
  }

  /** Records the first failure; later ones are kept as warnings. */
  void fail(ShellbusException cause) {
    if (failure == null) {
      failure = cause;
    } else if (cause != failure) {
      warnings.add(cause.code() + ": " + cause.getMessage());
    }
  }

  boolean interrupted() {
    return interruption != null;
  }

  /**
   * Reports a progress event; dropped when the request has already moved on (to clean-up, for
   * instance), and so is the end of a step an interruption cut short, also when the cancelled exec
   * answered before the interruption reached the table.
   */
  void progress(RequestEvent event, Function<EngineEvent.Header, EngineEvent> detail) {
    if (event == RequestEvent.STEP_FINISHED && interrupted()) {
      return;
    }
    if (machine.allows(event)) {
      machine.fire(event, detail);
    }
  }

  /** The observer for execs of this request: remembers the running call and reports not-ready sandboxes. */
  ExecLauncher.Observer observer() {
    return new ExecLauncher.Observer() {
      @Override
      public void started(ExecCall call) {
        currentCall = call;
        if (interrupted()) {
          call.cancel();
        }
      }

      @Override
      public void notReady(int attempt) {
        progress(RequestEvent.SANDBOX_NOT_READY, h -> new EngineEvent.SandboxNotReady(h, attempt));
      }
    };
  }

  /** {@code step} as the interruption left it: CANCELLED or TIMED_OUT, with whatever output it had. */
  StepResult interruptedStep(StepResult step) {
    StepResult.Status status = interruption.kind() == Interruption.Kind.CANCEL
        ? StepResult.Status.CANCELLED : StepResult.Status.TIMED_OUT;
    return new StepResult(step.index(), step.name(), status, step.exitCode(), step.startedAt(),
        Optional.of(now()), step.stdout(), step.stderr());
  }

  /** The handle, or a failure saying there is no sandbox (a bug in the flow). */
  SandboxHandle requireSandbox() {
    return sandbox.orElseThrow(() -> new ShellbusException(FailureCode.INTERNAL, "no sandbox known for " + context.requestId()));
  }

  Timings timings() {
    Milestones m = milestones;
    return new Timings(machine.acceptedAt(), Optional.ofNullable(m.creating), Optional.ofNullable(m.ready),
        Optional.ofNullable(m.inputs), Optional.ofNullable(m.steps), Optional.ofNullable(m.artifacts),
        Optional.ofNullable(m.deleted), now());
  }
}
