package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory gateway for engine tests. Sandboxes live in a map; exec understands the commands
 * shellbus itself sends (small upload, tar -x, tar -c, the kill helper, the pid wrapper) and runs
 * the rest through {@link FakeCommands}. Gates hold create, awaitReady, list or the byte movers
 * open so that a test can cancel or time out a request in that phase; knobs inject failures.
 */
public final class FakeGateway implements GatewayClient {
  final Vertx vertx;
  final Map<String, FakeSandbox> byName = new ConcurrentHashMap<>();
  public final List<FakeExecCall> calls = new CopyOnWriteArrayList<>();
  public final List<String> deleted = new CopyOnWriteArrayList<>();
  public final FakeCommands commands = new FakeCommands(this);
  private final AtomicLong clock = new AtomicLong(1);
  public volatile Promise<Void> createGate;
  public volatile Promise<Void> readyGate;
  public volatile Promise<Void> listGate;
  public volatile ShellbusException createFailure;
  public volatile ShellbusException deleteFailure;
  public volatile SandboxPhase readyOutcome = SandboxPhase.READY;
  public volatile int notReadyStarts;
  public volatile int notReadyStreams;
  public volatile boolean hangUploads;
  public volatile boolean hangCollect;

  public FakeGateway(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The sandbox with that name, if it exists. */
  public Optional<FakeSandbox> sandbox(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<FakeSandbox> sandboxes() {
    return List.copyOf(byName.values());
  }

  /** Puts a sandbox in place as if someone had created it. */
  public FakeSandbox seed(String name, Map<String, String> labels, SandboxPhase phase) {
    SandboxInfo info = new SandboxInfo(new SandboxHandle(UUID.randomUUID().toString(), name, "default"), phase, labels,
        clock.getAndIncrement(), "", "", Optional.empty());
    FakeSandbox sandbox = new FakeSandbox(info);
    byName.put(name, sandbox);
    return sandbox;
  }

  @Override
  public Future<Void> health(Deadline deadline) {
    return Future.succeededFuture();
  }

  @Override
  public Future<String> currentUser(Deadline deadline) {
    return Future.succeededFuture("test");
  }

  @Override
  public Future<SandboxInfo> create(SandboxCreateSpec spec, Deadline deadline) {
    return gate(createGate).compose(v -> {
      if (createFailure != null) {
        return Future.failedFuture(createFailure);
      }
      if (byName.containsKey(spec.name())) {
        return Future.failedFuture(new ShellbusException(FailureCode.ALREADY_EXISTS, "sandbox '" + spec.name() + "' already exists"));
      }
      return Future.succeededFuture(seed(spec.name(), spec.labels(), SandboxPhase.PROVISIONING).info);
    });
  }

  @Override
  public Future<SandboxInfo> get(String workspace, String name, Deadline deadline) {
    FakeSandbox sandbox = byName.get(name);
    return sandbox == null ? Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND, "sandbox not found"))
        : Future.succeededFuture(sandbox.info);
  }

  @Override
  public Future<List<SandboxInfo>> list(String workspace, Map<String, String> selector, Deadline deadline) {
    return gate(listGate).map(v -> byName.values().stream()
        .map(s -> s.info)
        .filter(info -> info.labels().entrySet().containsAll(selector.entrySet()))
        .toList());
  }

  @Override
  public Future<Boolean> delete(String workspace, String name, Deadline deadline) {
    if (deleteFailure != null) {
      return Future.failedFuture(deleteFailure);
    }
    FakeSandbox removed = byName.remove(name);
    if (removed == null) {
      return Future.succeededFuture(false);
    }
    deleted.add(name);
    return Future.succeededFuture(true);
  }

  @Override
  public Future<SandboxInfo> awaitReady(SandboxHandle sandbox, Deadline deadline) {
    return gate(readyGate).compose(v -> {
      FakeSandbox found = byName.get(sandbox.name());
      if (found == null) {
        return Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND, "sandbox not found"));
      }
      if (readyOutcome != SandboxPhase.READY) {
        found.info = withPhase(found.info, readyOutcome);
        return Future.failedFuture(new ShellbusException(FailureCode.SANDBOX_FAILED, "sandbox went to " + readyOutcome));
      }
      found.info = withPhase(found.info, SandboxPhase.READY);
      return Future.succeededFuture(found.info);
    });
  }

  @Override
  public Future<ExecCall> exec(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    return start(sandbox, spec, deadline, false);
  }

  @Override
  public Future<ExecCall> execInteractive(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    return start(sandbox, spec, deadline, true);
  }

  @Override
  public Future<Void> attachProvider(SandboxHandle sandbox, String provider, Deadline deadline) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Starts an exec under the limit the real adapter would send; the limit firing answers exit 124, as the gateway does. */
  private Future<ExecCall> start(SandboxHandle handle, ExecSpec spec, Deadline deadline, boolean interactive) {
    FakeSandbox sandbox = byName.get(handle.name());
    if (sandbox == null || !sandbox.info.handle().id().equals(handle.id())) {
      return Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND, "sandbox not found"));
    }
    if (notReadyStarts > 0) {
      notReadyStarts--;
      return Future.failedFuture(new ShellbusException(FailureCode.SANDBOX_NOT_READY, "sandbox is not ready"));
    }
    ExecLimit limit = ExecLimit.decide(spec.timeoutSeconds(), deadline.remaining());
    FakeExecCall call = commands.start(vertx.getOrCreateContext(), sandbox, spec, limit, interactive);
    calls.add(call);
    vertx.setTimer(limit.timeoutSeconds() * 1000L, id -> call.exit(ExecLimit.TIMEOUT_EXIT));
    return Future.succeededFuture(call);
  }

  private Future<Void> gate(Promise<Void> gate) {
    return gate == null ? Future.succeededFuture() : gate.future();
  }

  private static SandboxInfo withPhase(SandboxInfo info, SandboxPhase phase) {
    return new SandboxInfo(info.handle(), phase, info.labels(), info.createdAtMs(), info.image(), info.readyReason(),
        info.mainExitCode());
  }
}
