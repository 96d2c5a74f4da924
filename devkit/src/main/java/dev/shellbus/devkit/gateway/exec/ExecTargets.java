package dev.shellbus.devkit.gateway.exec;

import java.util.Optional;

/**
 * Looks sandboxes up by UUID for the exec engine; the gateway core implements it over its sandbox store.
 *
 * <p>Implementations are called on a Vert.x event loop and must answer without blocking.
 */
@FunctionalInterface
public interface ExecTargets {

  /**
   * Returns the sandbox with the given UUID, or empty when there is none (or the caller may not see it).
   *
   * @param sandboxId the sandbox UUID from the exec request
   */
  Optional<ExecTarget> find(String sandboxId);
}
