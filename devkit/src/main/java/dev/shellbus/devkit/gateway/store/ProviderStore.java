package dev.shellbus.devkit.gateway.store;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.Provider;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory provider store, keyed by (workspace, name). It holds credentials as given; {@link #redact} is what
 * every response goes through.
 *
 * <p>Confined to the gateway's event-loop context.
 */
public final class ProviderStore {

  /** The order of ListProviders: creation time, then name. */
  public static final Comparator<Provider> LIST_ORDER = Comparator
      .comparingLong((Provider p) -> p.getMetadata().getCreatedAtMs())
      .thenComparing(p -> p.getMetadata().getName());

  private final Map<String, Provider> byKey = new HashMap<>();

  /**
   * Saves a new provider.
   *
   * @throws GatewayException ALREADY_EXISTS when the workspace already holds a provider of that name
   */
  public Provider insert(Provider provider) {
    String key = key(provider.getMetadata().getWorkspace(), provider.getMetadata().getName());
    if (byKey.putIfAbsent(key, provider) != null) {
      throw new GatewayException(GrpcStatus.ALREADY_EXISTS,
          "provider '" + provider.getMetadata().getName() + "' already exists");
    }
    return provider;
  }

  /** Returns the provider of this name in this workspace, if any, with its real credentials. */
  public Optional<Provider> find(String workspace, String name) {
    return Optional.ofNullable(byKey.get(key(workspace, name)));
  }

  /** Returns the providers of one workspace, or of all when {@code workspace} is {@code null}, in list order. */
  public List<Provider> list(String workspace) {
    return byKey.values().stream()
        .filter(p -> workspace == null || p.getMetadata().getWorkspace().equals(workspace))
        .sorted(LIST_ORDER)
        .toList();
  }

  /** Returns the provider as responses show it: every credential value {@code "REDACTED"}, no credential handles. */
  public static Provider redact(Provider provider) {
    Provider.Builder shown = provider.toBuilder().clearCredentialHandles().clearCredentials();
    provider.getCredentialsMap().keySet().forEach(key -> shown.putCredentials(key, "REDACTED"));
    return shown.build();
  }

  private static String key(String workspace, String name) {
    return workspace + '/' + name;
  }
}
