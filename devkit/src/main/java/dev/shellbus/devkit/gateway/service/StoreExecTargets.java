package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.exec.ExecTarget;
import dev.shellbus.devkit.gateway.exec.ExecTargets;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The exec engine's view of the sandbox store: each lookup takes one snapshot of the record, so a sandbox that changes
 * later does not affect a command already running.
 */
public final class StoreExecTargets implements ExecTargets {

  private final SandboxStore store;

  /** Creates the view over {@code store}. */
  public StoreExecTargets(SandboxStore store) {
    this.store = store;
  }

  @Override
  public Optional<ExecTarget> find(String sandboxId) {
    return store.find(sandboxId).map(Target::of);
  }

  private record Target(String id, String name, boolean ready, Path workspace, Map<String, String> environment,
      boolean networkAllowed) implements ExecTarget {

    static Target of(SandboxRecord record) {
      Sandbox sandbox = record.sandbox();
      return new Target(record.id(), record.name(),
          sandbox.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_READY,
          record.directory(),
          Map.copyOf(sandbox.getSpec().getEnvironmentMap()),
          sandbox.getSpec().getPolicy().getNetworkPoliciesCount() > 0);
    }
  }
}
