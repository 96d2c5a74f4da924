package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.redact.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox a job or session asks for, in the engine's terms (the worker maps the event's
 * SandboxSpec here, resolving named policies to their encoded form).
 *
 * @param workspace the gateway workspace, empty for "default"
 * @param image the image, empty for the driver default
 * @param environment env for the sandbox and every command in it
 * @param secretEnvKeys keys of {@code environment} whose values must never be shown
 * @param policy an encoded {@code openshell.sandbox.v1.SandboxPolicy}, when given
 * @param providers provider names to attach
 * @param gpuCount GPUs to request, when any
 * @param resources resource hints passed to the driver
 * @param driverConfigJson driver-keyed JSON configuration, when given
 * @param labels extra sandbox labels (the {@code shellbus.dev/} prefix is reserved and overwritten)
 */
public record SandboxOptions(
    String workspace,
    String image,
    Map<String, String> environment,
    Set<String> secretEnvKeys,
    Optional<byte[]> policy,
    List<String> providers,
    Optional<Integer> gpuCount,
    Map<String, String> resources,
    Optional<String> driverConfigJson,
    Map<String, String> labels) {
  public SandboxOptions {
    workspace = workspace == null ? "" : workspace;
    image = image == null ? "" : image;
    environment = Map.copyOf(environment);
    secretEnvKeys = Set.copyOf(secretEnvKeys);
    providers = List.copyOf(providers);
    resources = Map.copyOf(resources);
    labels = Map.copyOf(labels);
  }

  /** The secret values of the sandbox env. */
  public Secrets secrets() {
    return Secrets.fromEnv(environment, secretEnvKeys);
  }

  /** The default image in the default workspace, nothing else. */
  public static SandboxOptions defaults() {
    return image("");
  }

  /** The given image in the default workspace, nothing else. */
  public static SandboxOptions image(String image) {
    return new SandboxOptions("", image, Map.of(), Set.of(), Optional.empty(), List.of(), Optional.empty(), Map.of(),
        Optional.empty(), Map.of());
  }
}
