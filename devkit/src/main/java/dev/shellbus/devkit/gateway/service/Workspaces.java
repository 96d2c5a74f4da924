package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.exec.ExecTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The workspaces the gateway knows ({@code "default"} plus any configured) and the private directory of each sandbox
 * under the data directory.
 *
 * <p>Directory work goes through the Vert.x asynchronous file system, so no event loop blocks on the disk.
 */
public final class Workspaces {

  /** The workspace an empty {@code workspace} field means. */
  public static final String DEFAULT = "default";

  private final Vertx vertx;
  private final Set<String> names;
  private final Path sandboxesDir;

  /**
   * Creates the workspace registry.
   *
   * @param vertx the Vert.x instance whose file system is used
   * @param extra the workspaces that exist besides {@code "default"}
   * @param dataDir the data directory; sandbox directories live in its {@code sandboxes} subdirectory
   */
  public Workspaces(Vertx vertx, Set<String> extra, Path dataDir) {
    this.vertx = vertx;
    Set<String> all = new LinkedHashSet<>();
    all.add(DEFAULT);
    all.addAll(extra);
    this.names = Set.copyOf(all);
    this.sandboxesDir = dataDir.resolve("sandboxes");
  }

  /**
   * Returns the workspace a request names: {@code "default"} for an empty one.
   *
   * @throws GatewayException NOT_FOUND {@code workspace 'x' not found}
   */
  public String resolve(String workspace) {
    String name = workspace == null || workspace.isEmpty() ? DEFAULT : workspace;
    if (!names.contains(name)) {
      throw GatewayException.notFound("workspace '" + name + "' not found");
    }
    return name;
  }

  /** Returns the private directory of the sandbox {@code id}. */
  public Path directoryOf(String id) {
    return sandboxesDir.resolve(id);
  }

  /** Creates a sandbox directory and its parents, asynchronously. */
  public Future<Void> create(Path directory) {
    return vertx.fileSystem().mkdirs(directory.toString());
  }

  /**
   * Deletes everything in the sandboxes directory: the workspaces, {@code /tmp} directories and generated files that a
   * previous run on this data directory left behind. Sandboxes live in memory, so a restarted gateway has lost their
   * records and processes; their directories would otherwise stay on disk for ever. Call before serving.
   *
   * @return a future of how many sandbox workspaces were deleted
   */
  public Future<Integer> clearLeftovers() {
    FileSystem fs = vertx.fileSystem();
    String dir = sandboxesDir.toString();
    return fs.exists(dir)
        .compose(exists -> exists ? fs.readDir(dir) : Future.succeededFuture(List.<String>of()))
        .compose(entries -> Future.all(entries.stream().map(fs::deleteRecursive).toList())
            .map(deleted -> (int) entries.stream().map(Path::of).filter(Workspaces::isWorkspace).count()));
  }

  private static boolean isWorkspace(Path entry) {
    String name = entry.getFileName().toString();
    return !name.startsWith(".") && !name.endsWith(".tmp");
  }

  /**
   * Deletes a sandbox directory with its content, and the sibling that holds the sandbox's {@code /tmp}
   * ({@link ExecTarget#tmpDirectory}), asynchronously; a missing directory is not an error.
   */
  public Future<Void> delete(Path directory) {
    return deleteIfExists(directory)
        .transform(workspace -> deleteIfExists(ExecTarget.tmpDirectory(directory))
            .compose(tmp -> workspace.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(
                workspace.cause())));
  }

  private Future<Void> deleteIfExists(Path directory) {
    String path = directory.toString();
    return vertx.fileSystem().exists(path)
        .compose(exists -> exists ? vertx.fileSystem().deleteRecursive(path) : Future.succeededFuture());
  }
}
