package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, awaits and releases the sandbox of a request. A create that answers ALREADY_EXISTS
 * looks the name up and adopts the sandbox when its labels say it belongs to this very request and
 * attempt (a retried create whose first answer was lost), and fails with CONFLICT otherwise.
 * Release deletes a sandbox this request owns (NOT_FOUND counts as done), also one whose create
 * outcome was never learned. Both ask the attempt's fence first: a fenced attempt creates nothing and leaves its
 * sandbox to the request's new owner and the reaper.
 */
final class Provisioner {
  private final RequestInputs request;
  private final RequestProgress progress;
  private final EngineServices services;

  Provisioner(RequestInputs request, RequestProgress progress) {
    this.request = request;
    this.progress = progress;
    this.services = request.services();
  }

  /** Creates (or adopts) the sandbox; completes with SANDBOX_CREATED or SANDBOX_ADOPTED. */
  Future<RequestEvent> create(SandboxOptions options, String name, Map<String, String> labels) {
    String workspace = options.workspace().isEmpty() ? services.config().workspace() : options.workspace();
    Optional<ShellbusException> refused = ExecLauncher.refusal(progress.fence(), "create of " + name);
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    progress.creating(name, workspace);
    SandboxCreateSpec spec = new SandboxCreateSpec(name, workspace, options.image(), options.environment(),
        options.policy(), options.providers(), options.gpuCount(), options.resources(), options.driverConfigJson(), labels);
    Future<RequestEvent> created = services.retry().run("gateway.create", request.deadline(),
            () -> services.gateway().create(spec, request.deadline()))
        .map(info -> adopt(info, RequestEvent.SANDBOX_CREATED))
        .recover(failure -> isAlreadyExists(failure) ? adoptExisting(workspace, name) : Future.failedFuture(failure));
    progress.createPending(created);
    return created;
  }

  /** Waits for READY; completes with SANDBOX_READY. */
  Future<RequestEvent> awaitReady() {
    return services.retry().run("gateway.awaitReady", request.deadline(),
            () -> services.gateway().awaitReady(progress.requireSandbox(), request.deadline()))
        .map(info -> {
          progress.sandboxReady();
          return RequestEvent.SANDBOX_READY;
        });
  }

  /**
   * Deletes the request's sandbox within the clean-up deadline, after any create still in flight
   * has settled (so a late create cannot leak). Never fails: a failed delete becomes a warning.
   */
  Future<Void> release() {
    if (progress.sandboxName().isEmpty()) {
      return Future.succeededFuture();
    }
    Deadline bound = request.cleanupDeadline();
    return settled(progress.pendingCreate(), bound)
        .compose(v -> progress.sandbox().isPresent() ? Future.succeededFuture(true) : ownedLeftover(bound))
        .compose(owned -> owned ? delete(bound) : Future.succeededFuture());
  }

  /** Deletes the request's current sandbox by name, reporting SANDBOX_DELETED or SANDBOX_DELETE_FAILED; never fails. */
  Future<Void> delete(Deadline bound) {
    String workspace = progress.sandbox().map(h -> h.workspace()).orElse(progress.workspace());
    String name = progress.sandboxName().orElseThrow();
    Optional<ShellbusException> refused = ExecLauncher.refusal(progress.fence(), "delete of " + name);
    if (refused.isPresent()) {
      progress.warn(refused.get().getMessage() + " (left to the request's new owner and the reaper)");
      return Future.succeededFuture();
    }
    Instant sent = request.now();
    return services.retry().run("gateway.delete", bound, () -> services.gateway().delete(workspace, name, bound))
        .map(started -> {
          progress.sandboxDeleted(name, started, sent);
          return (Void) null;
        })
        .recover(failure -> {
          progress.sandboxDeleteFailed(name, sent, failure);
          return Future.succeededFuture();
        });
  }

  private RequestEvent adopt(SandboxInfo info, RequestEvent event) {
    progress.sandboxCreated(info.handle());
    return event;
  }

  private Future<RequestEvent> adoptExisting(String workspace, String name) {
    return services.retry().run("gateway.get", request.deadline(), () -> services.gateway().get(workspace, name, request.deadline()))
        .compose(info -> SandboxLabels.ownedBy(info.labels(), request.context()) && !info.phase().terminal()
            ? Future.succeededFuture(adopt(info, RequestEvent.SANDBOX_ADOPTED))
            : Future.failedFuture(new ShellbusException(FailureCode.CONFLICT,
                "sandbox name " + name + " is taken by another request")));
  }

  private Future<Boolean> ownedLeftover(Deadline bound) {
    String name = progress.sandboxName().orElseThrow();
    return services.gateway().get(progress.workspace(), name, bound)
        .map(info -> {
          if (SandboxLabels.ownedBy(info.labels(), request.context())) {
            progress.sandboxCreated(info.handle());
            return true;
          }
          return false;
        })
        .otherwise(false);
  }

  private Future<Void> settled(Future<?> pending, Deadline bound) {
    if (pending.isComplete()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    pending.onComplete(ar -> done.tryComplete());
    long timer = services.vertx().setTimer(Math.max(1, bound.remaining().toMillis()), id -> done.tryComplete());
    return done.future().andThen(ar -> services.vertx().cancelTimer(timer));
  }

  private static boolean isAlreadyExists(Throwable failure) {
    return failure instanceof ShellbusException se && se.code() == FailureCode.ALREADY_EXISTS;
  }
}
