package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Exec in a session: locate, run the command as step 0 ("exec"), keep the sandbox. A command
 * that was cancelled or timed out is killed inside the sandbox, which outlives it. A later attempt
 * (the earlier one was interrupted by a crash, rebalance or shutdown) first kills the commands the
 * earlier attempts recorded, so that the command never runs twice at once; it then runs again.
 */
final class SessionExecFlow extends SessionFlow {
  static final String STEP_NAME = "exec";

  private final Requests.Exec exec;
  private final StepRunner runner;

  SessionExecFlow(RequestInputs request, RequestProgress progress, Requests.Exec exec) {
    super(request, progress);
    this.exec = exec;
    this.runner = new StepRunner(request, progress, exec.command().secrets());
  }

  @Override
  RequestEvent afterLocate() {
    return RequestEvent.RUN_STEPS;
  }

  @Override
  Future<RequestEvent> runSteps() {
    StepSpec step = new StepSpec(STEP_NAME, exec.command().argv(), exec.command().workdir(), exec.command().environment(),
        exec.command().secretEnvKeys(), exec.command().stdin(), exec.command().timeout(), false);
    return endEarlierAttempts().compose(v -> {
      progress.stepStarted(0, step);
      return runner.run(0, step, services.config().killOnInterrupt());
    }).compose(run -> {
      progress.stepsDone();
      progress.stepFinished(step, run.result());
      if (run.error().isPresent()) {
        return Future.failedFuture(run.error().get());
      }
      if (run.deadlineHit()) {
        return Future.succeededFuture(progress.ranIntoDeadline("DEADLINE_EXCEEDED: the command ran into the request deadline"));
      }
      StepResult.Status status = run.result().status();
      if (status == StepResult.Status.TIMED_OUT) {
        progress.fail(new ShellbusException(FailureCode.STEP_TIMED_OUT, "command timed out after " + step.timeout().toSeconds() + " s"));
      } else if (status != StepResult.Status.SUCCEEDED) {
        progress.fail(new ShellbusException(FailureCode.STEP_FAILED,
            "command exited " + run.result().exitCode().map(String::valueOf).orElse("without an exit code")));
      }
      return Future.succeededFuture(RequestEvent.CLEAN_UP);
    });
  }

  /** Kills what attempts 1 to n-1 of this request recorded (nothing when they left no pid file); never fails. */
  private Future<Void> endEarlierAttempts() {
    RequestContext context = request.context();
    List<Future<Void>> kills = new ArrayList<>();
    for (int attempt = 1; attempt < context.attempt(); attempt++) {
      kills.add(ProcessKiller.kill(services, progress.requireSandbox(), ProcessKiller.pidFile(context, attempt, 0),
          request.deadline(), progress.fence()));
    }
    return Future.join(kills).mapEmpty();
  }

  @Override
  Future<RequestEvent> cleanUp() {
    boolean cutShort = progress.interrupted() || progress.failedWith(FailureCode.STEP_TIMED_OUT);
    Future<Void> killed = cutShort && progress.pidFile().isPresent() && progress.sandbox().isPresent()
        ? ProcessKiller.kill(services, progress.requireSandbox(), progress.pidFile().get(), request.cleanupDeadline(),
            progress.fence())
        : Future.succeededFuture();
    return killed.compose(v -> keepAndFinish());
  }

  @Override
  List<StepResult> unstartedSteps() {
    return progress.unfinished(List.of(STEP_NAME)).stream().filter(s -> s.status() != StepResult.Status.SKIPPED).toList();
  }
}
