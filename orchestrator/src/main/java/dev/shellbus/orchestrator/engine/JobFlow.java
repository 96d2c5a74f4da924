package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.SandboxPaths;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RunJob: create (deterministic name, adopt on ALREADY_EXISTS), ready, inputs, steps in order
 * (stopping at the first failure unless the step allows failure), artifacts (also after a failed
 * step), then delete unless kept, manifest, result.
 */
final class JobFlow extends Flow {
  private final Requests.Job job;
  private final StepRunner steps;

  JobFlow(RequestScope scope, Requests.Job job) {
    super(scope);
    this.job = job;
    this.steps = new StepRunner(services);
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
    String name = SandboxNaming.jobName(scope.context.tenant(), scope.context.requestId(), scope.context.attempt());
    return provisioner.create(scope, job.sandbox(), name, SandboxLabels.job(job));
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
    if (index >= job.steps().size() || scope.interrupted()) {
      scope.milestones.steps = scope.now();
      return Future.succeededFuture(RequestEvent.COLLECT);
    }
    StepSpec spec = job.steps().get(index);
    scope.runningStep = index;
    scope.progress(RequestEvent.STEP_STARTED, h -> new EngineEvent.StepStarted(h, index, spec));
    return steps.run(scope, index, spec, job.keepSandbox() && services.config().killOnInterrupt())
        .compose(run -> finished(index, spec, run));
  }

  private Future<RequestEvent> finished(int index, StepSpec spec, StepRunner.Run run) {
    StepResult result = scope.interrupted() ? interrupted(run.result()) : run.result();
    scope.steps.add(result);
    scope.lastStep = Optional.of(spec.name());
    scope.progress(RequestEvent.STEP_FINISHED, h -> new EngineEvent.StepFinished(h, spec, result));
    if (run.error().isPresent()) {
      return Future.failedFuture(run.error().get());
    }
    if (run.deadlineHit()) {
      scope.milestones.steps = scope.now();
      scope.interruption = new Interruption(Interruption.Kind.DEADLINE,
          "DEADLINE_EXCEEDED: step " + spec.name() + " ran into the request deadline");
      return Future.succeededFuture(RequestEvent.DEADLINE);
    }
    if (result.status() != StepResult.Status.SUCCEEDED && !spec.allowFailure()) {
      scope.milestones.steps = scope.now();
      scope.fail(stepFailure(spec, result));
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
    return collectArtifacts(job.artifactPaths(), scope.lastStep).map(v -> RequestEvent.CLEAN_UP);
  }

  @Override
  Future<RequestEvent> cleanUp() {
    Future<Void> released;
    if (job.keepSandbox() && scope.sandbox.isPresent()) {
      scope.progress(RequestEvent.SANDBOX_KEPT, h -> new EngineEvent.SandboxKept(h, scope.sandboxName.orElse("")));
      released = killIfRunning();
    } else {
      released = provisioner.release(scope);
    }
    return released.compose(v -> writeManifest(job.sandbox().image())).map(v -> finishEvent());
  }

  private Future<Void> killIfRunning() {
    if (scope.currentPidFile == null || scope.interruption == null) {
      return Future.succeededFuture();
    }
    return ProcessKiller.kill(services, scope.requireSandbox(), scope.currentPidFile, scope.cleanupDeadline());
  }

  @Override
  List<StepResult> unstartedSteps() {
    List<StepResult> skipped = new ArrayList<>();
    for (int i = scope.steps.size(); i < job.steps().size(); i++) {
      StepResult never = StepResult.skipped(i, job.steps().get(i).name());
      skipped.add(i == scope.runningStep && scope.interruption != null ? interrupted(never) : never);
    }
    return skipped;
  }

  private StepResult interrupted(StepResult step) {
    return scope.interruptedStep(step);
  }
}
