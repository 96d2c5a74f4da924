package dev.shellbus.orchestrator.gateway;

import dev.shellbus.orchestrator.Deadline;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The port through which the orchestrator drives an OpenShell gateway, in our own types (proto
 * types never leave the adapter). Every call is bounded by the given deadline. Failures are
 * {@link dev.shellbus.orchestrator.ShellbusException}s mapped from gRPC status in one place
 * ({@code GrpcStatusMapper}); calls do not retry by themselves: callers wrap them in the retry
 * policy where a retry is safe.
 */
public interface GatewayClient {

  /** Liveness of the gateway (Health needs no credentials). */
  Future<Void> health(Deadline deadline);

  /** The principal the configured credentials map to (GetCurrentUser). */
  Future<String> currentUser(Deadline deadline);

  /** Creates a sandbox; fails with ALREADY_EXISTS when the name is taken. Returns the PROVISIONING record. */
  Future<SandboxInfo> create(SandboxCreateSpec spec, Deadline deadline);

  /** The sandbox by name, failing with NOT_FOUND when absent. */
  Future<SandboxInfo> get(String workspace, String name, Deadline deadline);

  /** All sandboxes matching every label pair (equality only), paging until a short page. */
  Future<List<SandboxInfo>> list(String workspace, Map<String, String> labelSelector, Deadline deadline);

  /** Deletes by name. Completes {@code true} when a delete was started, {@code false} when it was already gone (NOT_FOUND is success). */
  Future<Boolean> delete(String workspace, String name, Deadline deadline);

  /**
   * Waits until the sandbox is READY, by WatchSandbox with follow_status, falling back to polling
   * GetSandbox if the stream breaks. Fails with SANDBOX_FAILED on ERROR or DELETING and with
   * DEADLINE_EXCEEDED when the deadline passes first.
   */
  Future<SandboxInfo> awaitReady(SandboxHandle sandbox, Deadline deadline);

  /** Starts an exec (ExecSandbox) with stdin sent in the request; the gRPC deadline covers the command's timeout. */
  Future<ExecCall> exec(SandboxHandle sandbox, ExecSpec spec, Deadline deadline);

  /** Starts an interactive exec (ExecSandboxInteractive, no tty) whose stdin is streamed through {@link ExecCall#stdin()}. */
  Future<ExecCall> execInteractive(SandboxHandle sandbox, ExecSpec spec, Deadline deadline);

  /** Attaches a provider by name (idempotent). */
  Future<Void> attachProvider(SandboxHandle sandbox, String provider, Deadline deadline);

  /** Releases connections. */
  Future<Void> close();
}
