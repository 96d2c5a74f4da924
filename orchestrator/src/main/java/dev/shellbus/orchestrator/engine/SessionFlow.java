package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;

/**
 * Shared work of the calls on an open session (Exec, PutFiles, GetFiles, CloseSession): locate the
 * session's sandbox by label, then leave it in place at the end.
 */
abstract class SessionFlow extends Flow {
  protected final SessionDirectory directory;

  SessionFlow(RequestInputs request, RequestProgress progress) {
    super(request, progress);
    this.directory = new SessionDirectory(services.gateway(), services.retry());
  }

  @Override
  RequestEvent accept() {
    return RequestEvent.LOCATE;
  }

  /** The event after the sandbox was found. */
  abstract RequestEvent afterLocate();

  @Override
  Future<RequestEvent> locate() {
    RequestContext context = request.context();
    String session = context.requireSession();
    return directory.find(services.config().workspace(), context.tenant(), session, request.deadline()).compose(found -> {
      if (found.isEmpty() || found.get().expired(request.now())) {
        return Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND,
            "session " + session + (found.isEmpty() ? " is not open" : " has expired")));
      }
      use(found.get());
      return Future.succeededFuture(afterLocate());
    });
  }

  void use(SessionInfo session) {
    progress.sandboxLocated(session.sandbox().handle());
  }

  /** Keeps the session's sandbox, writes the manifest if anything was stored, and finishes. */
  Future<RequestEvent> keepAndFinish() {
    if (progress.sandbox().isPresent()) {
      progress.sandboxKept();
    }
    return writeManifest("").map(v -> finishEvent());
  }
}
