package dev.shellbus.orchestrator.gateway;

import java.util.Objects;

/**
 * The two keys of one sandbox. The gateway addresses exec, watch and logs by {@code id} (a UUID)
 * and get, delete, stop, start and providers by {@code name} (a DNS label of at most 19
 * characters) within a {@code workspace}; keep both from the moment of creation.
 */
public record SandboxHandle(String id, String name, String workspace) {
  public SandboxHandle {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    workspace = workspace == null || workspace.isEmpty() ? "default" : workspace;
  }
}
