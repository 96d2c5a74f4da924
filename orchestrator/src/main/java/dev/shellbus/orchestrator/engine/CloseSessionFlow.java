package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.transfer.WorkspaceSnapshots;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * CloseSession: locate every sandbox of the session (an unknown or closed session closes
 * successfully), optionally store the workspace as a tar snapshot, then delete them all. If the
 * snapshot fails, or the close is cancelled or times out, the sandbox stays so the close can be
 * tried again (the reaper ends it at its TTL). A close that deleted its sandboxes also removes the note the reaper
 * may have left of an earlier end of the session, so a later call answers NOT_FOUND, not SESSION_EXPIRED.
 */
final class CloseSessionFlow extends SessionFlow {
  private final Requests.CloseSession close;
  private final List<SessionInfo> sandboxes = new ArrayList<>();

  CloseSessionFlow(RequestInputs request, RequestProgress progress, Requests.CloseSession close) {
    super(request, progress);
    this.close = close;
  }

  @Override
  RequestEvent afterLocate() {
    return close.storeSnapshot() ? RequestEvent.COLLECT : RequestEvent.CLEAN_UP;
  }

  @Override
  Future<RequestEvent> locate() {
    String session = request.context().requireSession();
    return directory.all(services.config().workspace(), request.context().tenant(), session, request.deadline()).map(all -> {
      sandboxes.addAll(all);
      if (all.isEmpty()) {
        return RequestEvent.CLEAN_UP;
      }
      use(all.get(all.size() - 1));
      return afterLocate();
    });
  }

  @Override
  Future<RequestEvent> collect() {
    WorkspaceSnapshots snapshots = new WorkspaceSnapshots(services.launcher(), services.store(),
        services.config().uploadHighWaterBytes());
    return snapshots.store(progress.requireSandbox(), services.config().workspaceDir(), request.keys().snapshot(),
            request.deadline(), progress.execObserver())
        .map(stored -> {
          progress.snapshotStored(services.config().workspaceDir(), stored);
          return RequestEvent.CLEAN_UP;
        });
  }

  @Override
  Future<RequestEvent> cleanUp() {
    if (progress.failedOrInterrupted()) {
      return keepAndFinish();
    }
    Future<Void> chain = Future.succeededFuture();
    for (SessionInfo session : sandboxes) {
      chain = chain.compose(v -> {
        use(session);
        return provisioner.delete(request.cleanupDeadline());
      });
    }
    return chain.compose(v -> clearNote()).compose(v -> writeManifest("")).map(v -> finishEvent());
  }
}
