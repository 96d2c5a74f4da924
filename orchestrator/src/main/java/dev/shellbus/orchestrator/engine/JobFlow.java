package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.SandboxPaths;
import io.vertx.core.Future;
import java.util.List;

/**
 * RunJob: create (deterministic name, adopt on ALREADY_EXISTS), ready, inputs, steps in order
 * (stopping at the first failure unless the step allows failure), artifacts (also after a failed
 * step), then delete unless kept, manifest, result.
 */
final class JobFlow extends Flow {
  private final Requests.Job job;
  private final StepRunner steps;

  JobFlow(RequestInputs request, RequestProgress progress, Requests.Job job) {
    super(request, progress);
    this.job = job;
    this.steps = new StepRunner(request, progress, job.secrets());
  }

  @Override
  RequestEvent accept() {
    job.inputs().forEach(input -> SandboxPaths.requireAbsolute(input.path()));
    job.artifactPaths().forEach(SandboxPaths::requireAbsolute);
    job.steps().forEach(step -> {
      if (!step.workdir().isEmpty()) {
        SandboxPaths.requireAbsolute(step.workdir());
      }
    });
    return RequestEvent.CREATE;
  }

  @Override
  Future<RequestEvent> create() {
    RequestContext context = request.context();
    String name = SandboxNaming.jobName(context.tenant(), context.requestId(), context.attempt());
    return provisioner.create(job.sandbox(), name, SandboxLabels.job(job));
  }

  @Override
  Future<RequestEvent> upload() {
    List<FileInput> inputs = job.inputs();
    return uploadThen(inputs, RequestEvent.RUN_STEPS);
  }

  @Override
  Future<RequestEvent> runSteps() {
    return step(0);
  }

  private Future<RequestEvent> step(int index) {
    if (index >= job.steps().size() || progress.interrupted()) {
      progress.stepsDone();
      return Future.succeededFuture(RequestEvent.COLLECT);
    }
    StepSpec spec = job.steps().get(index);
    progress.stepStarted(index, spec);
    return steps.run(index, spec, job.keepSandbox() && services.config().killOnInterrupt())
        .compose(run -> finished(index, spec, run));
  }

  private Future<RequestEvent> finished(int index, StepSpec spec, StepRunner.Run run) {
    StepResult result = progress.stepFinished(spec, run.result());
    if (run.error().isPresent()) {
      return Future.failedFuture(run.error().get());
    }
    if (run.deadlineHit()) {
      progress.stepsDone();
      return Future.succeededFuture(progress.ranIntoDeadline(
          "DEADLINE_EXCEEDED: step " + spec.name() + " ran into the request deadline"));
    }
    if (result.status() != StepResult.Status.SUCCEEDED && !spec.allowFailure()) {
      progress.stepsDone();
      progress.fail(stepFailure(spec, result));
      return Future.succeededFuture(RequestEvent.COLLECT);
    }
    return step(index + 1);
  }

  private static ShellbusException stepFailure(StepSpec spec, StepResult result) {
    if (result.status() == StepResult.Status.TIMED_OUT) {
      return new ShellbusException(FailureCode.STEP_TIMED_OUT,
          "step " + spec.name() + " timed out after " + spec.timeout().toSeconds() + " s");
    }
    return new ShellbusException(FailureCode.STEP_FAILED,
        "step " + spec.name() + " exited " + result.exitCode().map(String::valueOf).orElse("without an exit code"));
  }

  @Override
  Future<RequestEvent> collect() {
    return collectArtifacts(job.artifactPaths(), progress.lastStep()).map(v -> RequestEvent.CLEAN_UP);
  }

  @Override
  Future<RequestEvent> cleanUp() {
    Future<Void> released;
    if (job.keepSandbox() && progress.sandbox().isPresent()) {
      progress.sandboxKept();
      released = killIfRunning();
    } else {
      released = provisioner.release();
    }
    return released.compose(v -> writeManifest(job.sandbox().image())).map(v -> finishEvent());
  }

  private Future<Void> killIfRunning() {
    if (progress.pidFile().isEmpty() || !progress.interrupted()) {
      return Future.succeededFuture();
    }
    return ProcessKiller.kill(services, progress.requireSandbox(), progress.pidFile().get(), request.cleanupDeadline(),
        progress.fence());
  }

  @Override
  List<StepResult> unstartedSteps() {
    return progress.unfinished(job.steps().stream().map(StepSpec::name).toList());
  }
}
