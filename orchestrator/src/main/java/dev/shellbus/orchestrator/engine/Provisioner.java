package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, awaits and releases the sandbox of a request. A create that answers ALREADY_EXISTS
 * looks the name up and adopts the sandbox when its labels say it belongs to this very request and
 * attempt (a retried create whose first answer was lost), and fails with CONFLICT otherwise.
 * Release deletes a sandbox this request owns (NOT_FOUND counts as done), also one whose create
 * outcome was never learned.
 */
final class Provisioner {
  private final EngineServices services;

  Provisioner(EngineServices services) {
    this.services = services;
  }

  /** Creates (or adopts) the sandbox; completes with SANDBOX_CREATED or SANDBOX_ADOPTED. */
  Future<RequestEvent> create(RequestScope scope, SandboxOptions options, String name, Map<String, String> labels) {
    scope.sandboxName = Optional.of(name);
    scope.workspace = options.workspace().isEmpty() ? services.config().workspace() : options.workspace();
    scope.milestones.creating = scope.now();
    SandboxCreateSpec spec = new SandboxCreateSpec(name, scope.workspace, options.image(), options.environment(),
        options.policy(), options.providers(), options.gpuCount(), options.resources(), options.driverConfigJson(), labels);
    Future<RequestEvent> created = services.retry().run("gateway.create", scope.deadline(),
            () -> services.gateway().create(spec, scope.deadline()))
        .map(info -> adopt(scope, info, RequestEvent.SANDBOX_CREATED))
        .recover(failure -> isAlreadyExists(failure) ? adoptExisting(scope, scope.workspace, name) : Future.failedFuture(failure));
    scope.pendingCreate = created;
    return created;
  }

  /** Waits for READY; completes with SANDBOX_READY. */
  Future<RequestEvent> awaitReady(RequestScope scope) {
    return services.retry().run("gateway.awaitReady", scope.deadline(),
            () -> services.gateway().awaitReady(scope.requireSandbox(), scope.deadline()))
        .map(info -> {
          scope.milestones.ready = scope.now();
          return RequestEvent.SANDBOX_READY;
        });
  }

  /**
   * Deletes the request's sandbox within the clean-up deadline, after any create still in flight
   * has settled (so a late create cannot leak). Never fails: a failed delete becomes a warning.
   */
  Future<Void> release(RequestScope scope) {
    if (scope.sandboxName.isEmpty()) {
      return Future.succeededFuture();
    }
    Deadline bound = scope.cleanupDeadline();
    return settled(scope.pendingCreate, bound)
        .compose(v -> scope.sandbox.isPresent() ? Future.succeededFuture(true) : ownedLeftover(scope, bound))
        .compose(owned -> owned ? delete(scope, bound) : Future.succeededFuture());
  }

  /** Deletes a sandbox by name, reporting SANDBOX_DELETED or SANDBOX_DELETE_FAILED; never fails. */
  Future<Void> delete(RequestScope scope, Deadline bound) {
    String workspace = scope.sandbox.map(h -> h.workspace()).orElse(scope.workspace);
    String name = scope.sandboxName.orElseThrow();
    Instant sent = scope.now();
    return services.retry().run("gateway.delete", bound, () -> services.gateway().delete(workspace, name, bound))
        .map(started -> {
          scope.milestones.deleted = scope.now();
          scope.progress(RequestEvent.SANDBOX_DELETED,
              h -> new EngineEvent.SandboxDeleted(h, name, started, Duration.between(sent, h.at())));
          return (Void) null;
        })
        .recover(failure -> {
          scope.warnings.add("delete of sandbox " + name + " failed (the reaper will retry): " + failure.getMessage());
          scope.progress(RequestEvent.SANDBOX_DELETE_FAILED,
              h -> new EngineEvent.SandboxDeleteFailed(h, name, Duration.between(sent, h.at())));
          return Future.succeededFuture();
        });
  }

  private RequestEvent adopt(RequestScope scope, SandboxInfo info, RequestEvent event) {
    scope.sandbox = Optional.of(info.handle());
    return event;
  }

  private Future<RequestEvent> adoptExisting(RequestScope scope, String workspace, String name) {
    return services.retry().run("gateway.get", scope.deadline(), () -> services.gateway().get(workspace, name, scope.deadline()))
        .compose(info -> SandboxLabels.ownedBy(info.labels(), scope.context) && !info.phase().terminal()
            ? Future.succeededFuture(adopt(scope, info, RequestEvent.SANDBOX_ADOPTED))
            : Future.failedFuture(new ShellbusException(FailureCode.CONFLICT,
                "sandbox name " + name + " is taken by another request")));
  }

  private Future<Boolean> ownedLeftover(RequestScope scope, Deadline bound) {
    String name = scope.sandboxName.orElseThrow();
    return services.gateway().get(scope.workspace, name, bound)
        .map(info -> {
          if (SandboxLabels.ownedBy(info.labels(), scope.context)) {
            scope.sandbox = Optional.of(info.handle());
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
