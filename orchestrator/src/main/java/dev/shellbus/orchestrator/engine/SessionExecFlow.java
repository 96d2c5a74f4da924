package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import java.util.List;

/**
 * Exec in a session: locate, run the command as step 0 ("exec"), keep the sandbox. A command
 * that was cancelled or timed out is killed inside the sandbox, which outlives it.
 */
final class SessionExecFlow extends SessionFlow {
  static final String STEP_NAME = "exec";

  private final Requests.Exec exec;
  private final StepRunner runner;

  SessionExecFlow(RequestScope scope, Requests.Exec exec) {
    super(scope);
    this.exec = exec;
    this.runner = new StepRunner(services);
  }

  @Override
  RequestEvent afterLocate() {
    return RequestEvent.RUN_STEPS;
  }

  @Override
  Future<RequestEvent> runSteps() {
    StepSpec step = new StepSpec(STEP_NAME, exec.command().argv(), exec.command().workdir(), exec.command().environment(),
        exec.command().secretEnvKeys(), exec.command().stdin(), exec.command().timeout(), false);
    scope.runningStep = 0;
    scope.progress(RequestEvent.STEP_STARTED, h -> new EngineEvent.StepStarted(h, 0, step));
    return runner.run(scope, 0, step, services.config().killOnInterrupt()).compose(run -> {
      scope.steps.add(scope.interrupted() ? scope.interruptedStep(run.result()) : run.result());
      scope.milestones.steps = scope.now();
      scope.progress(RequestEvent.STEP_FINISHED, h -> new EngineEvent.StepFinished(h, step, run.result()));
      if (run.error().isPresent()) {
        return Future.failedFuture(run.error().get());
      }
      if (run.deadlineHit()) {
        scope.interruption = new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: the command ran into the request deadline");
        return Future.succeededFuture(RequestEvent.DEADLINE);
      }
      StepResult.Status status = run.result().status();
      if (status == StepResult.Status.TIMED_OUT) {
        scope.fail(new ShellbusException(FailureCode.STEP_TIMED_OUT, "command timed out after " + step.timeout().toSeconds() + " s"));
      } else if (status != StepResult.Status.SUCCEEDED) {
        scope.fail(new ShellbusException(FailureCode.STEP_FAILED,
            "command exited " + run.result().exitCode().map(String::valueOf).orElse("without an exit code")));
      }
      return Future.succeededFuture(RequestEvent.CLEAN_UP);
    });
  }

  @Override
  Future<RequestEvent> cleanUp() {
    boolean cutShort = scope.interruption != null || scope.failure != null && scope.failure.code() == FailureCode.STEP_TIMED_OUT;
    Future<Void> killed = cutShort && scope.currentPidFile != null && scope.sandbox.isPresent()
        ? ProcessKiller.kill(services, scope.requireSandbox(), scope.currentPidFile, scope.cleanupDeadline())
        : Future.succeededFuture();
    return killed.compose(v -> keepAndFinish());
  }

  @Override
  List<StepResult> unstartedSteps() {
    if (scope.steps.isEmpty() && scope.runningStep == 0 && scope.interruption != null) {
      return List.of(scope.interruptedStep(StepResult.skipped(0, STEP_NAME)));
    }
    return List.of();
  }
}
