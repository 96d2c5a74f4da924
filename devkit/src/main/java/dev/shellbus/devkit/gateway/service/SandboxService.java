package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.store.NameGenerator;
import dev.shellbus.devkit.gateway.store.ProviderStore;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.devkit.gateway.validate.LabelSelector;
import dev.shellbus.devkit.gateway.validate.SpecValidator;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.UUID;

/**
 * The sandbox CRUD of contract sections 4.2 to 4.6, keyed by name and workspace, over the store and the lifecycle.
 *
 * <p>Confined to the gateway's event-loop context. Methods throw {@link GatewayException} for request errors or
 * return failed futures; the RPC layer answers both the same way.
 */
public final class SandboxService {

  /** The main process a sandbox runs when its spec names none. */
  public static final List<String> DEFAULT_COMMAND = List.of("/bin/bash", "-l");

  private final SandboxStore store;
  private final ProviderStore providers;
  private final Workspaces workspaces;
  private final Lifecycle lifecycle;
  private final GatewayJournal journal;
  private final NameGenerator names;
  private final String defaultImage;

  /** Creates the service. */
  public SandboxService(SandboxStore store, ProviderStore providers, Workspaces workspaces, Lifecycle lifecycle,
      GatewayJournal journal, NameGenerator names, String defaultImage) {
    this.store = store;
    this.providers = providers;
    this.workspaces = workspaces;
    this.lifecycle = lifecycle;
    this.journal = journal;
    this.names = names;
    this.defaultImage = defaultImage;
  }

  /** CreateSandbox: validates, saves the record in PROVISIONING, creates its directory and schedules READY. */
  public Future<Sandbox> create(CreateSandboxRequest request) {
    SpecValidator.checkCreate(request);
    String workspace = workspaces.resolve(request.getWorkspace());
    for (String provider : request.getSpec().getProvidersList()) {
      if (providers.find(workspace, provider).isEmpty()) {
        throw GatewayException.precondition("provider '" + provider + "' not found");
      }
    }
    String id = UUID.randomUUID().toString();
    SandboxSpec spec = defaults(request.getSpec());
    Sandbox requested = Sandbox.newBuilder()
        .setMetadata(ObjectMeta.newBuilder()
            .setId(id)
            .setName(request.getName())
            .setCreatedAtMs(System.currentTimeMillis())
            .putAllLabels(request.getLabelsMap())
            .putAllAnnotations(request.getAnnotationsMap())
            .setResourceVersion(1)
            .setWorkspace(workspace))
        .setSpec(spec)
        .setStatus(SandboxStatus.newBuilder().setPhase(SandboxPhase.SANDBOX_PHASE_PROVISIONING))
        .build();
    SandboxRecord record = request.getName().isEmpty()
        ? store.insertWithGeneratedName(requested, names, workspaces.directoryOf(id))
        : store.insert(requested, workspaces.directoryOf(id));
    Sandbox sandbox = record.sandbox();
    String image = spec.getTemplate().getImage();
    journal.info(record, "sandbox created in workspace '" + workspace + "' with image '" + image + "'");
    journal.warn(record, "image '" + image + "' not pulled; the dev gateway runs commands on a read-only view of the"
        + " host's system directories");
    journal.warning(record, "ImageNotPulled",
        "image not pulled; dev gateway runs commands on a read-only view of the host's system directories");
    return workspaces.create(record.directory())
        .map(created -> {
          lifecycle.provisioned(record);
          return sandbox;
        })
        .recover(error -> {
          store.remove(record);
          return Future.failedFuture(
              new GatewayException(GrpcStatus.INTERNAL, "create sandbox failed: " + error.getMessage()));
        });
  }

  /** GetSandbox. */
  public Sandbox get(String name, String workspace) {
    return find(name, workspace).sandbox();
  }

  /** ListSandboxes: one workspace or all, filtered by the label selector, then paged. */
  public List<Sandbox> list(ListSandboxesRequest request) {
    if (request.getAllWorkspaces() && !request.getWorkspace().isEmpty()) {
      throw GatewayException.invalid("all_workspaces and workspace cannot be set together");
    }
    String workspace = request.getAllWorkspaces() ? null : workspaces.resolve(request.getWorkspace());
    LabelSelector selector = LabelSelector.parse(request.getLabelSelector());
    List<Sandbox> matching = store.list(sandbox ->
        (workspace == null || sandbox.getMetadata().getWorkspace().equals(workspace))
            && selector.matches(sandbox.getMetadata().getLabelsMap()));
    return Paging.page(matching, request.getLimit(), request.getOffset());
  }

  /** DeleteSandbox: DELETING now, removed after the delete delay; always {@code true} for an existing sandbox. */
  public boolean delete(String name, String workspace) {
    lifecycle.delete(find(name, workspace));
    return true;
  }

  /** StopSandbox: completes when the sandbox is STOPPED. */
  public Future<Sandbox> stop(String name, String workspace) {
    return lifecycle.stop(find(name, workspace));
  }

  /** StartSandbox: returns while the sandbox is STARTING. */
  public Sandbox start(String name, String workspace) {
    return lifecycle.start(find(name, workspace));
  }

  /**
   * Returns the record a name-keyed request means.
   *
   * @throws GatewayException INVALID_ARGUMENT {@code name is required}, NOT_FOUND for the workspace or the sandbox
   */
  public SandboxRecord find(String name, String workspace) {
    if (name.isEmpty()) {
      throw GatewayException.invalid("name is required");
    }
    return store.require(workspaces.resolve(workspace), name);
  }

  private SandboxSpec defaults(SandboxSpec spec) {
    SandboxSpec.Builder builder = spec.toBuilder();
    if (spec.getCommandCount() == 0) {
      builder.addAllCommand(DEFAULT_COMMAND).setTty(true);
    }
    if (spec.getTemplate().getImage().isEmpty()) {
      builder.getTemplateBuilder().setImage(defaultImage);
    }
    return builder.build();
  }
}
