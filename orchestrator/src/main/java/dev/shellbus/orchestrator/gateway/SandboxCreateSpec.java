package dev.shellbus.orchestrator.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What shellbus asks the gateway to create. The main command is never set: the gateway keeps its
 * default shell and every step runs through exec (a main process that exits puts the sandbox in
 * ERROR for good).
 *
 * @param name the deterministic sandbox name (DNS label, at most 19 characters)
 * @param workspace the gateway workspace, empty for "default"
 * @param image the image, empty for the driver default
 * @param environment env for every exec in the sandbox
 * @param policy an encoded {@code openshell.sandbox.v1.SandboxPolicy} message, when given
 * @param providers provider names to attach at creation
 * @param gpuCount GPUs requested, when any
 * @param resources resource hints (for example {@code cpu}, {@code memory}) forwarded as the template resources
 * @param driverConfigJson driver-keyed JSON object forwarded as the template driver_config, when given
 * @param labels sandbox labels (the shellbus.dev/* labels included)
 */
public record SandboxCreateSpec(
    String name,
    String workspace,
    String image,
    Map<String, String> environment,
    Optional<byte[]> policy,
    List<String> providers,
    Optional<Integer> gpuCount,
    Map<String, String> resources,
    Optional<String> driverConfigJson,
    Map<String, String> labels) {
  public SandboxCreateSpec {
    workspace = workspace == null ? "" : workspace;
    image = image == null ? "" : image;
    environment = Map.copyOf(environment);
    providers = List.copyOf(providers);
    resources = Map.copyOf(resources);
    labels = Map.copyOf(labels);
  }
}
