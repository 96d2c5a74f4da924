package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.transfer.WorkspaceSnapshots;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CloseSession: locate every sandbox of the session (an unknown or closed session closes
 * successfully), optionally store the workspace as a tar snapshot, then delete them all. If the
 * snapshot fails, or the close is cancelled or times out, the sandbox stays so the close can be
 * tried again (the reaper ends it at its TTL).
 */
final class CloseSessionFlow extends SessionFlow {
  private final Requests.CloseSession close;
  private final List<SessionInfo> sandboxes = new ArrayList<>();

  CloseSessionFlow(RequestScope scope, Requests.CloseSession close) {
    super(scope);
    this.close = close;
  }

  @Override
  RequestEvent afterLocate() {
    return close.storeSnapshot() ? RequestEvent.COLLECT : RequestEvent.CLEAN_UP;
  }

  @Override
  Future<RequestEvent> locate() {
    String session = scope.context.requireSession();
    return directory.all(services.config().workspace(), scope.context.tenant(), session, scope.deadline()).map(all -> {
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
    return snapshots.store(scope.requireSandbox(), services.config().workspaceDir(), scope.keys.snapshot(), scope.deadline(),
            scope.observer())
        .map(stored -> {
          scope.snapshot = Optional.of(stored);
          scope.milestones.artifacts = scope.now();
          scope.progress(RequestEvent.ARTIFACT_STORED, h -> new EngineEvent.ArtifactStored(h,
              EngineEvent.StoredKind.SNAPSHOT, services.config().workspaceDir(), stored));
          return RequestEvent.CLEAN_UP;
        });
  }

  @Override
  Future<RequestEvent> cleanUp() {
    if (scope.failure != null || scope.interruption != null) {
      return keepAndFinish();
    }
    Future<Void> chain = Future.succeededFuture();
    for (SessionInfo session : sandboxes) {
      chain = chain.compose(v -> {
        scope.sandbox = Optional.of(session.sandbox().handle());
        scope.sandboxName = Optional.of(session.sandbox().handle().name());
        return provisioner.delete(scope, scope.cleanupDeadline());
      });
    }
    return chain.compose(v -> writeManifest("")).map(v -> finishEvent());
  }
}
