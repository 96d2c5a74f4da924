package dev.shellbus.orchestrator.outage;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link GatewayClient} whose calls go through the gateway's {@link Breaker}: while the gateway is unavailable they
 * wait (within their deadline) instead of failing, and each outcome tells the breaker how the gateway is.
 *
 * <p>Every call is repeatable after an outage: reads and deletes are; a create is, because sandbox names derive from
 * the request and an existing one is adopted; an exec whose call failed to open never reached the sandbox. An exec
 * stream that breaks after it opened is not repeated here (the command may have had effects): it fails with
 * {@code EXEC_INTERRUPTED} as before. {@link #health} is never held: it is how the outage is seen.
 */
public final class GuardedGateway implements GatewayClient {

  private final GatewayClient delegate;
  private final Breaker breaker;

  /** Guards {@code delegate} with {@code breaker}. */
  public GuardedGateway(GatewayClient delegate, Breaker breaker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public Future<Void> health(Deadline deadline) {
    return delegate.health(deadline);
  }

  @Override
  public Future<String> currentUser(Deadline deadline) {
    return breaker.guard("GetCurrentUser", deadline, true, () -> delegate.currentUser(deadline));
  }

  @Override
  public Future<SandboxInfo> create(SandboxCreateSpec spec, Deadline deadline) {
    return breaker.guard("CreateSandbox", deadline, true, () -> delegate.create(spec, deadline));
  }

  @Override
  public Future<SandboxInfo> get(String workspace, String name, Deadline deadline) {
    return breaker.guard("GetSandbox", deadline, true, () -> delegate.get(workspace, name, deadline));
  }

  @Override
  public Future<List<SandboxInfo>> list(String workspace, Map<String, String> labelSelector, Deadline deadline) {
    return breaker.guard("ListSandboxes", deadline, true, () -> delegate.list(workspace, labelSelector, deadline));
  }

  @Override
  public Future<Boolean> delete(String workspace, String name, Deadline deadline) {
    return breaker.guard("DeleteSandbox", deadline, true, () -> delegate.delete(workspace, name, deadline));
  }

  @Override
  public Future<SandboxInfo> awaitReady(SandboxHandle sandbox, Deadline deadline) {
    return breaker.guard("WatchSandbox", deadline, true, () -> delegate.awaitReady(sandbox, deadline));
  }

  @Override
  public Future<ExecCall> exec(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    return breaker.guard("ExecSandbox", deadline, true, () -> delegate.exec(sandbox, spec, deadline));
  }

  @Override
  public Future<ExecCall> execInteractive(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    return breaker.guard("ExecSandboxInteractive", deadline, true,
        () -> delegate.execInteractive(sandbox, spec, deadline));
  }

  @Override
  public Future<Void> attachProvider(SandboxHandle sandbox, String provider, Deadline deadline) {
    return breaker.guard("AttachSandboxProvider", deadline, true,
        () -> delegate.attachProvider(sandbox, provider, deadline));
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
