package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.transfer.ExecCapture;
import dev.shellbus.orchestrator.transfer.FileInput;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The work of one request kind, one method per {@link Action} it supports. The
 * {@link RequestDriver} calls them as the table says; each completes with the next event and tells
 * the request's {@link RequestProgress} what happened on the way. Methods a kind does not support fail
 * (the table makes that a bug, never a path).
 */
abstract class Flow {
  protected final RequestInputs request;
  protected final RequestProgress progress;
  protected final EngineServices services;
  protected final Provisioner provisioner;

  Flow(RequestInputs request, RequestProgress progress) {
    this.request = request;
    this.progress = progress;
    this.services = request.services();
    this.provisioner = new Provisioner(request, progress);
  }

  /** The first event: which phase the request starts with. May throw to reject the request. */
  abstract RequestEvent accept();

  Future<RequestEvent> locate() {
    return unsupported(Action.LOCATE_SESSION);
  }

  Future<RequestEvent> create() {
    return unsupported(Action.CREATE_SANDBOX);
  }

  Future<RequestEvent> awaitReady() {
    return provisioner.awaitReady();
  }

  Future<RequestEvent> upload() {
    return unsupported(Action.UPLOAD_INPUTS);
  }

  Future<RequestEvent> runSteps() {
    return unsupported(Action.RUN_STEPS);
  }

  Future<RequestEvent> collect() {
    return unsupported(Action.COLLECT);
  }

  /** Releases what the request holds; never fails; completes with the FINISH event. */
  abstract Future<RequestEvent> cleanUp();

  /** Steps that never ran, for the outcome; jobs list them as SKIPPED. */
  List<StepResult> unstartedSteps() {
    return List.of();
  }

  Future<RequestEvent> perform(Action action) {
    switch (action) {
      case LOCATE_SESSION:
        return locate();
      case CREATE_SANDBOX:
        return create();
      case AWAIT_READY:
        return awaitReady();
      case UPLOAD_INPUTS:
        return upload();
      case RUN_STEPS:
        return runSteps();
      case COLLECT:
        return collect();
      case CLEAN_UP:
        return cleanUp();
      default:
        return unsupported(action);
    }
  }

  /** The FINISH event that matches what happened. */
  RequestEvent finishEvent() {
    return progress.finishEvent();
  }

  /** Uploads inputs, then continues with {@code next}. */
  Future<RequestEvent> uploadThen(List<FileInput> inputs, RequestEvent next) {
    if (inputs.isEmpty()) {
      progress.inputsStaged(List.of());
      return Future.succeededFuture(next);
    }
    return services.uploader().upload(progress.requireSandbox(), inputs, request.deadline(), progress.execObserver(),
            progress::inputWritten)
        .map(receipts -> {
          progress.inputsStaged(receipts);
          return next;
        });
  }

  /** Collects {@code paths} as artifacts attributed to {@code step}; a missing path or a tar failure fails. */
  Future<Void> collectArtifacts(List<String> paths, Optional<String> step) {
    return services.collector().collect(progress.requireSandbox(), paths, request.keys(), request.deadline(),
            progress.execObserver())
        .recover(failure -> Future.failedFuture(artifactFailure(failure)))
        .compose(result -> {
          result.stored().forEach(artifact -> progress.artifactStored(artifact, step));
          progress.artifactsCollected();
          if (!result.missing().isEmpty() && result.tar().exitCode() != ExecCapture.TIMEOUT_EXIT) {
            return Future.failedFuture(new ShellbusException(FailureCode.ARTIFACT_FAILED,
                "artifact paths not found: " + String.join(", ", result.missing()) + " (tar " + result.tar().describe() + ")"));
          }
          if (result.tar().exitCode() != 0) {
            return Future.failedFuture(result.tar().failure(FailureCode.ARTIFACT_FAILED, "collecting artifacts with tar"));
          }
          return Future.succeededFuture();
        });
  }

  /** Writes the manifest when anything was stored; a failure becomes the request's failure. */
  Future<Void> writeManifest(String image) {
    return Manifests.write(request, progress, image).otherwise(failure -> {
      progress.fail(failure instanceof ShellbusException se ? se
          : new ShellbusException(FailureCode.ARTIFACT_FAILED, "manifest: " + failure.getMessage(), failure));
      return null;
    });
  }

  private static ShellbusException artifactFailure(Throwable failure) {
    if (failure instanceof ShellbusException se && se.code() != FailureCode.STORAGE_FAILED) {
      return se;
    }
    return new ShellbusException(FailureCode.ARTIFACT_FAILED, "storing artifacts failed: " + failure.getMessage(), failure);
  }

  private static Future<RequestEvent> unsupported(Action action) {
    return Future.failedFuture(new ShellbusException(FailureCode.INTERNAL, "this request kind does not " + action));
  }
}
