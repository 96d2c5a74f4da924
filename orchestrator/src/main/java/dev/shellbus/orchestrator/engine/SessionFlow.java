package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Shared work of the calls on an open session (Exec, PutFiles, GetFiles, CloseSession): locate the
 * session's sandbox by label, then leave it in place at the end.
 */
abstract class SessionFlow extends Flow {
  protected final SessionDirectory directory;

  SessionFlow(RequestScope scope) {
    super(scope);
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
    String session = scope.context.requireSession();
    return directory.find(services.config().workspace(), scope.context.tenant(), session, scope.deadline()).compose(found -> {
      if (found.isEmpty() || found.get().expired(scope.now())) {
        return Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND,
            "session " + session + (found.isEmpty() ? " is not open" : " has expired")));
      }
      use(found.get());
      return Future.succeededFuture(afterLocate());
    });
  }

  void use(SessionInfo session) {
    scope.sandbox = Optional.of(session.sandbox().handle());
    scope.sandboxName = Optional.of(session.sandbox().handle().name());
    scope.workspace = session.sandbox().handle().workspace();
  }

  /** Keeps the session's sandbox, writes the manifest if anything was stored, and finishes. */
  Future<RequestEvent> keepAndFinish() {
    if (scope.sandbox.isPresent()) {
      scope.progress(RequestEvent.SANDBOX_KEPT, h -> new EngineEvent.SandboxKept(h, scope.sandboxName.orElse("")));
    }
    return writeManifest("").map(v -> finishEvent());
  }
}
