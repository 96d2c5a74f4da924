package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the sandbox of a session by its labels ({@code shellbus.dev/managed}, tenant and session),
 * so that session state lives on the gateway and not in a worker: after a rebalance any worker can
 * serve the session's next call. Sandboxes being deleted are ignored; of several (a leftover of an
 * earlier attempt), the newest serves.
 */
public final class SessionDirectory {
  private final GatewayClient gateway;
  private final RetryRunner retry;

  public SessionDirectory(GatewayClient gateway, RetryRunner retry) {
    this.gateway = gateway;
    this.retry = retry;
  }

  /** The session's live sandbox, if any. */
  public Future<Optional<SessionInfo>> find(String workspace, String tenant, String sessionId, Deadline deadline) {
    return all(workspace, tenant, sessionId, deadline).map(list -> list.stream()
        .filter(s -> s.sandbox().phase() != SandboxPhase.DELETING)
        .max(Comparator.comparingLong(s -> s.sandbox().createdAtMs())));
  }

  /** Every sandbox labelled with the session, newest last (leftovers included). */
  public Future<List<SessionInfo>> all(String workspace, String tenant, String sessionId, Deadline deadline) {
    return retry.run("gateway.list", deadline,
            () -> gateway.list(workspace, SandboxLabels.sessionSelector(tenant, sessionId), deadline))
        .map(list -> list.stream()
            .sorted(Comparator.comparingLong(info -> info.createdAtMs()))
            .map(SessionInfo::of)
            .toList());
  }
}
