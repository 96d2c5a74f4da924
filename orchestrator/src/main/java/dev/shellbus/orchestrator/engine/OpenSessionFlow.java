package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import dev.shellbus.orchestrator.transfer.SandboxPaths;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSession: refuse a session id that is already open for another request, create (labels carry
 * the session, idle TTL and expiry), ready, restore a snapshot into the workspace, inputs; keep the
 * sandbox on success, delete it on failure, cancel or timeout.
 */
final class OpenSessionFlow extends Flow {
  private final Requests.OpenSession open;

  OpenSessionFlow(RequestInputs request, RequestProgress progress, Requests.OpenSession open) {
    super(request, progress);
    this.open = open;
  }

  @Override
  RequestEvent accept() {
    open.inputs().forEach(input -> SandboxPaths.requireAbsolute(input.path()));
    return RequestEvent.CREATE;
  }

  @Override
  Future<RequestEvent> create() {
    RequestContext context = request.context();
    String session = context.requireSession();
    String workspace = services.config().workspace();
    if (!open.sandbox().workspace().isEmpty() && !open.sandbox().workspace().equals(workspace)) {
      return Future.failedFuture(new ShellbusException(FailureCode.INVALID_REQUEST,
          "sessions live in the engine's workspace '" + workspace + "', not '" + open.sandbox().workspace() + "'"));
    }
    return new SessionDirectory(services.gateway(), services.retry()).find(workspace, context.tenant(), session, request.deadline())
        .compose(existing -> {
          if (existing.isPresent() && !SandboxLabels.ownedBy(existing.get().sandbox().labels(), context)) {
            return Future.failedFuture(new ShellbusException(FailureCode.CONFLICT,
                "session " + session + " is already open (opened by request " + existing.get().openedBy() + ")"));
          }
          Instant expires = request.now().plus(services.config().maxSessionLifetime());
          return provisioner.create(open.sandbox(), SandboxNaming.sessionName(context.tenant(), session, context.attempt()),
              SandboxLabels.session(context, open.sandbox().labels(), open.idleTtl(), expires));
        });
  }

  @Override
  Future<RequestEvent> upload() {
    List<FileInput> inputs = new ArrayList<>();
    open.restoreSnapshotUri().ifPresent(uri ->
        inputs.add(new FileInput(services.config().workspaceDir(), FileInput.DEFAULT_MODE, new InputSource.Archive(uri))));
    inputs.addAll(open.inputs());
    return uploadThen(inputs, RequestEvent.CLEAN_UP);
  }

  @Override
  Future<RequestEvent> cleanUp() {
    if (!progress.failedOrInterrupted()) {
      progress.sandboxKept();
      return Future.succeededFuture(finishEvent());
    }
    return provisioner.release().map(v -> finishEvent());
  }
}
