package dev.shellbus.devkit.gateway.store;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The in-memory sandbox store: records by id and by (workspace, name), a resource version raised by each update, and
 * the watch bus and log rings that belong to the records.
 *
 * <p>Writes happen on the gateway's event-loop context only; {@link #find(String)} may be called from any thread.
 */
public final class SandboxStore {

  /** The order of ListSandboxes: creation time, then name. */
  public static final Comparator<Sandbox> LIST_ORDER = Comparator
      .comparingLong((Sandbox s) -> s.getMetadata().getCreatedAtMs())
      .thenComparing(s -> s.getMetadata().getName());

  private final Map<String, SandboxRecord> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByName = new HashMap<>();
  private final WatchBus bus = new WatchBus();
  private final SandboxLogs logs = new SandboxLogs(bus);

  /** Returns the watch bus of the store's sandboxes. */
  public WatchBus bus() {
    return bus;
  }

  /** Returns the log and event rings of the store's sandboxes. */
  public SandboxLogs logs() {
    return logs;
  }

  /**
   * Saves a new sandbox with a must-create write.
   *
   * @throws GatewayException ALREADY_EXISTS when the workspace already holds a sandbox of that name
   */
  public SandboxRecord insert(Sandbox sandbox, Path directory) {
    String key = key(sandbox.getMetadata().getWorkspace(), sandbox.getMetadata().getName());
    if (idByName.containsKey(key)) {
      throw new GatewayException(GrpcStatus.ALREADY_EXISTS,
          "sandbox '" + sandbox.getMetadata().getName() + "' already exists");
    }
    SandboxRecord record = new SandboxRecord(sandbox, directory);
    idByName.put(key, record.id());
    byId.put(record.id(), record);
    return record;
  }

  /**
   * Saves a new sandbox under a name the gateway picks: the first draw of {@code names} that is free in the sandbox's
   * workspace. The name of {@code unnamed} is ignored. Drawing and saving happen in this one call on the store's
   * context, so no other create can take the name in between.
   */
  public SandboxRecord insertWithGeneratedName(Sandbox unnamed, NameGenerator names, Path directory) {
    String workspace = unnamed.getMetadata().getWorkspace();
    String name = names.nextFree(candidate -> idByName.containsKey(key(workspace, candidate)));
    Sandbox.Builder named = unnamed.toBuilder();
    named.getMetadataBuilder().setName(name);
    return insert(named.build(), directory);
  }

  /** Returns the record with this id, if any; safe from any thread. */
  public Optional<SandboxRecord> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Returns the record of this name in this workspace, if any. */
  public Optional<SandboxRecord> findByName(String workspace, String name) {
    return Optional.ofNullable(idByName.get(key(workspace, name))).map(byId::get);
  }

  /**
   * Returns the record of this name in this workspace.
   *
   * @throws GatewayException NOT_FOUND {@code sandbox not found}
   */
  public SandboxRecord require(String workspace, String name) {
    return findByName(workspace, name).orElseThrow(() -> GatewayException.notFound("sandbox not found"));
  }

  /**
   * Applies {@code change} to the record's resource, raises its resource version, and tells the watchers.
   *
   * @return the new snapshot
   */
  public Sandbox update(SandboxRecord record, Consumer<Sandbox.Builder> change) {
    Sandbox.Builder next = record.sandbox().toBuilder();
    change.accept(next);
    next.getMetadataBuilder().setResourceVersion(record.sandbox().getMetadata().getResourceVersion() + 1);
    Sandbox snapshot = next.build();
    record.sandbox(snapshot);
    bus.status(record.id());
    return snapshot;
  }

  /** Removes the record, drops its logs and events, and ends its watches. */
  public void remove(SandboxRecord record) {
    if (byId.remove(record.id(), record)) {
      idByName.remove(key(record.workspace(), record.name()));
      logs.drop(record.id());
      bus.removed(record.id());
    }
  }

  /** Returns the snapshots that pass {@code filter}, in list order. */
  public List<Sandbox> list(Predicate<Sandbox> filter) {
    return byId.values().stream().map(SandboxRecord::sandbox).filter(filter).sorted(LIST_ORDER).toList();
  }

  /** Returns every record. */
  public List<SandboxRecord> records() {
    return List.copyOf(byId.values());
  }

  /** Returns how many sandboxes the store holds. */
  public int size() {
    return byId.size();
  }

  private static String key(String workspace, String name) {
    return workspace + '/' + name;
  }
}
