package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.ProviderConfig;
import dev.shellbus.devkit.gateway.store.ProviderStore;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.devkit.gateway.validate.SpecValidator;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.Provider;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Providers and their attachment to sandboxes (contract sections 3.6 and 4.11).
 *
 * <p>Every provider that leaves this class is redacted. Confined to the gateway's event-loop context.
 */
public final class ProviderService {

  private static final int MAX_TYPE = 64;

  /** The outcome of Attach or Detach: the sandbox after the call and whether anything changed. */
  public record Attachment(Sandbox sandbox, boolean changed) {}

  private final ProviderStore providers;
  private final SandboxStore sandboxes;
  private final SandboxService sandboxService;
  private final Workspaces workspaces;

  /** Creates the service. */
  public ProviderService(ProviderStore providers, SandboxStore sandboxes, SandboxService sandboxService,
      Workspaces workspaces) {
    this.providers = providers;
    this.sandboxes = sandboxes;
    this.sandboxService = sandboxService;
    this.workspaces = workspaces;
  }

  /** Creates a provider configured at startup. */
  public Provider create(ProviderConfig config) {
    Provider provider = Provider.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(config.name()))
        .setType(config.type())
        .putAllCredentials(config.credentials())
        .putAllConfig(config.config())
        .build();
    return create(provider, config.workspace());
  }

  /** CreateProvider: validates and saves; the answer is redacted. */
  public Provider create(Provider provider, String requestedWorkspace) {
    String name = provider.getMetadata().getName();
    if (name.isEmpty()) {
      throw GatewayException.invalid("provider.metadata.name is required");
    }
    SpecValidator.checkProviderName(name);
    if (provider.getType().isEmpty() || provider.getType().length() > MAX_TYPE) {
      throw GatewayException.invalid("provider.type is required and holds at most " + MAX_TYPE + " characters");
    }
    String workspace = workspaces.resolve(
        requestedWorkspace.isEmpty() ? provider.getMetadata().getWorkspace() : requestedWorkspace);
    Provider stored = provider.toBuilder()
        .clearCredentialHandles()
        .setMetadata(provider.getMetadata().toBuilder()
            .setId(UUID.randomUUID().toString())
            .setCreatedAtMs(System.currentTimeMillis())
            .setResourceVersion(1)
            .setWorkspace(workspace)
            .setDeletionTimestampMs(0))
        .build();
    return ProviderStore.redact(providers.insert(stored));
  }

  /** GetProvider. */
  public Provider get(String name, String workspace) {
    if (name.isEmpty()) {
      throw GatewayException.invalid("name is required");
    }
    return providers.find(workspaces.resolve(workspace), name)
        .map(ProviderStore::redact)
        .orElseThrow(() -> GatewayException.notFound("provider '" + name + "' not found"));
  }

  /** ListProviders: one workspace or all, paged. */
  public List<Provider> list(String workspace, boolean allWorkspaces, int limit, int offset) {
    if (allWorkspaces && !workspace.isEmpty()) {
      throw GatewayException.invalid("all_workspaces and workspace cannot be set together");
    }
    List<Provider> all = providers.list(allWorkspaces ? null : workspaces.resolve(workspace));
    return Paging.page(all, limit, offset).stream().map(ProviderStore::redact).toList();
  }

  /** ListSandboxProviders: the providers a sandbox references, in its order. */
  public List<Provider> listForSandbox(String sandboxName, String workspace) {
    SandboxRecord record = sandboxService.find(sandboxName, workspace);
    List<Provider> result = new ArrayList<>();
    for (String name : record.sandbox().getSpec().getProvidersList()) {
      Provider provider = providers.find(record.workspace(), name)
          .orElseThrow(() -> GatewayException.precondition("provider '" + name + "' not found"));
      result.add(ProviderStore.redact(provider));
    }
    return result;
  }

  /** AttachSandboxProvider: idempotent, with an optional compare-and-set on the resource version. */
  public Attachment attach(String sandboxName, String providerName, long expectedVersion, String workspace) {
    SpecValidator.checkProviderName(providerName);
    SandboxRecord record = sandboxService.find(sandboxName, workspace);
    if (providers.find(record.workspace(), providerName).isEmpty()) {
      throw GatewayException.precondition("provider '" + providerName + "' not found");
    }
    checkVersion(record, expectedVersion);
    List<String> attached = record.sandbox().getSpec().getProvidersList();
    if (attached.contains(providerName)) {
      return new Attachment(record.sandbox(), false);
    }
    SpecValidator.checkProviderNames("spec.providers", attached.size() + 1);
    Sandbox updated = sandboxes.update(record, b -> b.getSpecBuilder().addProviders(providerName));
    return new Attachment(updated, true);
  }

  /** DetachSandboxProvider: idempotent, with an optional compare-and-set on the resource version. */
  public Attachment detach(String sandboxName, String providerName, long expectedVersion, String workspace) {
    SpecValidator.checkProviderName(providerName);
    SandboxRecord record = sandboxService.find(sandboxName, workspace);
    checkVersion(record, expectedVersion);
    List<String> attached = new ArrayList<>(record.sandbox().getSpec().getProvidersList());
    if (!attached.remove(providerName)) {
      return new Attachment(record.sandbox(), false);
    }
    Sandbox updated = sandboxes.update(record, b -> b.getSpecBuilder().clearProviders().addAllProviders(attached));
    return new Attachment(updated, true);
  }

  private static void checkVersion(SandboxRecord record, long expected) {
    long actual = record.sandbox().getMetadata().getResourceVersion();
    if (expected != 0 && expected != actual) {
      throw new GatewayException(GrpcStatus.ABORTED,
          "resource version mismatch: expected " + Long.toUnsignedString(expected) + ", found " + actual);
    }
  }
}
