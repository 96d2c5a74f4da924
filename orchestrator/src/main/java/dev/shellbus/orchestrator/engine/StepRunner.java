package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.redact.Secrets;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import dev.shellbus.orchestrator.transfer.ExitWatch;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one step: one exec that asks for the step's own timeout (the gateway adapter decides the
 * exec's {@link ExecLimit} from it and the request's remaining budget); stdout and stderr streamed
 * to log objects while the inline head and tail are kept, both with the request's secret values
 * masked; an exit 124 read as the limit the call reports, the step's own timeout or the request
 * deadline; a stream that ends without an exit reported as the exec error it is (never exit 0).
 */
final class StepRunner {
  /**
   * What a step run produced.
   *
   * @param result the step result (also for an exec error: FAILED without exit code)
   * @param limitHit the limit that ended the step, as its exec reported it; empty when none did
   * @param error the exec or storage error, if the step could not be run or recorded
   */
  record Run(StepResult result, Optional<ExecLimit.Kind> limitHit, Optional<ShellbusException> error) {
    /** Whether the request deadline, not the step's own timeout, cut the step short. */
    boolean deadlineHit() {
      return limitHit.equals(Optional.of(ExecLimit.Kind.REQUEST_DEADLINE));
    }
  }

  private final RequestInputs request;
  private final RequestProgress progress;
  private final EngineServices services;
  private final Secrets secrets;

  StepRunner(RequestInputs request, RequestProgress progress, Secrets secrets) {
    this.request = request;
    this.progress = progress;
    this.secrets = secrets;
    this.services = request.services();
  }

  Future<Run> run(int index, StepSpec step, boolean killable) {
    int timeout = step.timeout().isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, step.timeout().toSeconds()));
    String pidFile = ProcessKiller.pidFile(request.context(), index);
    List<String> argv = killable ? ProcessKiller.wrap(step.argv(), pidFile) : step.argv();
    ExecSpec spec = new ExecSpec(argv, step.workdir(), step.environment(), step.stdin(), timeout);
    progress.commandLaunching(killable ? pidFile : null);
    Instant started = request.now();
    return services.launcher().withReadyRetry(progress.requireSandbox(), request.deadline(), progress.execObserver(),
        () -> services.launcher().exec(progress.requireSandbox(), spec, request.deadline(), progress.execObserver())
            .compose(call -> consume(index, step, call, started)));
  }

  private Future<Run> consume(int index, StepSpec step, ExecCall call, Instant started) {
    OutputRecorder out = new OutputRecorder(services, request.keys().log(index, step.name(), "stdout"),
        request.cleanupDeadline(), secrets.stream());
    OutputRecorder err = new OutputRecorder(services, request.keys().log(index, step.name(), "stderr"),
        request.cleanupDeadline(), secrets.stream());
    ExitWatch exitWatch = new ExitWatch(call);
    call.events().handler(event -> {
      exitWatch.seen(event);
      OutputRecorder target = event instanceof ExecEvent.Stdout ? out : event instanceof ExecEvent.Stderr ? err : null;
      if (target != null && target.write(event instanceof ExecEvent.Stdout o ? o.data() : ((ExecEvent.Stderr) event).data())) {
        call.events().pause();
        target.onDrain(v -> call.events().resume());
      }
    });
    return exitWatch.future().transform(exit -> Future.all(out.finish(), err.finish()).transform(logs -> {
      Optional<Integer> code = exit.succeeded() ? Optional.of(exit.result()) : Optional.empty();
      Optional<ExecLimit.Kind> limitHit = code.flatMap(call.limit()::endedBy);
      StepResult.Status status = code.isEmpty() ? StepResult.Status.FAILED
          : code.get() == 0 ? StepResult.Status.SUCCEEDED
          : limitHit.isPresent() ? StepResult.Status.TIMED_OUT : StepResult.Status.FAILED;
      OutputCapture stdout = logs.succeeded() ? logs.result().resultAt(0) : OutputCapture.empty();
      OutputCapture stderr = logs.succeeded() ? logs.result().resultAt(1) : OutputCapture.empty();
      StepResult result = new StepResult(index, step.name(), status, code, Optional.of(started), Optional.of(request.now()),
          stdout, stderr);
      Optional<ShellbusException> error = exit.failed() ? Optional.of(wrap(exit.cause(), step))
          : logs.failed() ? Optional.of(wrap(logs.cause(), step)) : Optional.empty();
      if (exit.failed() && ExecLauncher.notReady(exit.cause())) {
        return Future.failedFuture(exit.cause());
      }
      stdout.log().ifPresent(progress::logStored);
      stderr.log().ifPresent(progress::logStored);
      out.failure().ifPresent(progress::warn);
      err.failure().ifPresent(progress::warn);
      return Future.succeededFuture(new Run(result, limitHit, error));
    }));
  }

  private static ShellbusException wrap(Throwable failure, StepSpec step) {
    if (failure instanceof ShellbusException se) {
      return se;
    }
    return new ShellbusException(FailureCode.INTERNAL, "step " + step.name() + ": " + failure, failure);
  }
}
