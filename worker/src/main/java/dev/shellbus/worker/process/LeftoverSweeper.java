package dev.shellbus.worker.process;

import dev.shellbus.events.LogSafe;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.RetryRunner;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.engine.SandboxNaming;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what an interrupted earlier attempt of a request left behind, before the next attempt runs.
 *
 * <p>Each attempt of a job or an OpenSession creates its own sandbox (the attempt is part of the deterministic name),
 * so the engine never adopts the previous attempt's sandbox; this sweeper finds those by label ({@code
 * shellbus.dev/managed}, tenant and request, through the gateway port's list) and deletes every one whose {@code
 * shellbus.dev/attempt} is lower than the current attempt. A failed sweep is logged and does not stop the attempt:
 * the reaper removes what is left.
 */
final class LeftoverSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweeper.class);

  private final GatewayClient gateway;
  private final RetryRunner retry;
  private final String workspace;
  private final Duration bound;

  LeftoverSweeper(GatewayClient gateway, RetryRunner retry, String workspace, Duration bound) {
    this.gateway = gateway;
    this.retry = retry;
    this.workspace = workspace;
    this.bound = bound;
  }

  /** The label selector of every sandbox created for {@code context}'s request, whatever the attempt. */
  static Map<String, String> selector(RequestContext context) {
    return Map.of(SandboxLabels.MANAGED, "true", SandboxLabels.TENANT, SandboxNaming.labelValue(context.tenant()),
        SandboxLabels.REQUEST, SandboxNaming.labelValue(context.requestId()));
  }

  /**
   * Deletes the sandboxes of earlier attempts; answers the ones it deleted (or found gone), never fails. A sandbox
   * whose delete failed is not in the answer: the reaper removes it and reports it.
   */
  Future<List<SandboxInfo>> sweep(RequestContext context) {
    Deadline deadline = Deadline.in(bound);
    return retry.run("gateway.list", deadline, () -> gateway.list(workspace, selector(context), deadline))
        .map(all -> all.stream().filter(info -> earlier(info, context.attempt())).toList())
        .compose(leftovers -> {
          List<Future<SandboxInfo>> deletes = leftovers.stream().map(info -> delete(context, info, deadline)).toList();
          return Future.join(deletes).transform(ar -> Future.succeededFuture(deletes.stream()
              .filter(Future::succeeded).map(Future::result).toList()));
        })
        .recover(failure -> {
          LOG.warn("Could not look for leftovers of request {} (the reaper will remove them): {}",
              LogSafe.id(context.requestId()), LogSafe.text(failure.toString()));
          return Future.succeededFuture(List.of());
        });
  }

  private Future<SandboxInfo> delete(RequestContext context, SandboxInfo info, Deadline deadline) {
    String attempt = info.labels().get(SandboxLabels.ATTEMPT);
    return retry.run("gateway.delete", deadline,
            () -> gateway.delete(info.handle().workspace(), info.handle().name(), deadline))
        .map(v -> info)
        .onSuccess(v -> LOG.info("Removed sandbox {} left by attempt {} of request {}", LogSafe.id(info.handle().name()),
            LogSafe.id(attempt), LogSafe.id(context.requestId())))
        .onFailure(e -> LOG.warn("Removing sandbox {} left by attempt {} of request {} failed (the reaper will"
            + " remove it): {}", LogSafe.id(info.handle().name()), LogSafe.id(attempt), LogSafe.id(context.requestId()),
            LogSafe.text(e.toString())));
  }

  private static boolean earlier(SandboxInfo info, int attempt) {
    try {
      return Integer.parseInt(info.labels().getOrDefault(SandboxLabels.ATTEMPT, "0")) < attempt;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
