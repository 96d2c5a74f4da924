package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.ObjectRef;
import io.vertx.core.Future;
import java.util.Optional;

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
      if (found.isEmpty()) {
        return notOpen(session);
      }
      if (found.get().expired(request.now())) {
        return Future.failedFuture(new ShellbusException(FailureCode.SESSION_EXPIRED,
            "session " + session + " reached its maximum lifetime at " + found.get().expiresAt()));
      }
      use(found.get());
      return Future.succeededFuture(afterLocate());
    });
  }

  /**
   * The failure of a call on a session without a sandbox: {@code SESSION_EXPIRED} with the reaper's reason when the
   * reaper left a note ({@link SessionEnds}), else {@code NOT_FOUND}; a note that cannot be read counts as none.
   */
  private Future<RequestEvent> notOpen(String session) {
    return SessionEnds.read(services.store(), noteRef(), request.deadline())
        .otherwise(Optional.empty())
        .compose(end -> Future.failedFuture(end.isPresent()
            ? new ShellbusException(FailureCode.SESSION_EXPIRED, "session " + session + " expired and was reaped at "
                + end.get().at() + " (" + end.get().rule() + ": " + end.get().reason() + ")")
            : new ShellbusException(FailureCode.NOT_FOUND, "session " + session + " is not open")));
  }

  /** Removes the note of an earlier end of this session; a failure is ignored (the note is advisory). */
  Future<Void> clearNote() {
    return SessionEnds.clear(services.store(), noteRef(), request.cleanupDeadline()).otherwiseEmpty();
  }

  /** Where the reaper leaves the note of this session's end. */
  private ObjectRef noteRef() {
    return SessionEnds.ref(services.config().bucket(), services.config().keyPrefix(), request.context().tenant(),
        request.context().requireSession());
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
