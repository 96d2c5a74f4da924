package dev.shellbus.devkit.gateway;

import java.util.Map;
import java.util.Objects;

/**
 * A provider the dev gateway creates at startup, as if an administrator had called CreateProvider.
 *
 * <p>Credentials are kept as given and never returned: every RPC reads them back as {@code "REDACTED"}. The
 * {@code toString} form leaves their values out as well.
 *
 * @param workspace the workspace the provider belongs to; empty means {@code "default"}
 * @param name the provider name, unique in its workspace
 * @param type the profile slug, for example {@code "claude"} or {@code "gitlab"}
 * @param credentials secret key/value pairs
 * @param config non-secret key/value pairs
 */
public record ProviderConfig(
    String workspace, String name, String type, Map<String, String> credentials, Map<String, String> config) {

  /** Validates and copies the maps. */
  public ProviderConfig {
    workspace = workspace == null || workspace.isEmpty() ? "default" : workspace;
    Objects.requireNonNull(name, "provider.name");
    Objects.requireNonNull(type, "provider.type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("provider.name must not be empty");
    }
    credentials = Map.copyOf(credentials == null ? Map.of() : credentials);
    config = Map.copyOf(config == null ? Map.of() : config);
  }

  /** Returns a provider of the default workspace with the given credentials and no config. */
  public static ProviderConfig of(String name, String type, Map<String, String> credentials) {
    return new ProviderConfig("default", name, type, credentials, Map.of());
  }

  @Override
  public String toString() {
    return "ProviderConfig{workspace=" + workspace + ", name=" + name + ", type=" + type + ", credentials="
        + credentials.keySet() + "=REDACTED, config=" + config + "}";
  }
}
