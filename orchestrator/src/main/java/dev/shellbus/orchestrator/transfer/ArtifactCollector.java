package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Copies declared sandbox paths into the object store with one exec of
 * {@code tar -c -f - -C / <paths>}: the archive is parsed as it streams out (flow controlled, the
 * exec paused while an upload is behind) and split per declared path, each stored as its own
 * object with SHA-256 and size computed on the way. Paths that produced no entry are reported as
 * missing; deciding what that means is the caller's business.
 */
public final class ArtifactCollector {
  private final ExecLauncher launcher;
  private final ObjectStore store;
  private final long highWaterMark;

  /**
   * @param highWaterMark bytes an upload may fall behind before the exec stream is paused
   */
  public ArtifactCollector(ExecLauncher launcher, ObjectStore store, long highWaterMark) {
    this.launcher = launcher;
    this.store = store;
    this.highWaterMark = highWaterMark;
  }

  /** What one collection produced. */
  public record Result(List<CollectedArtifact> stored, List<String> missing, ExecCapture tar) {}

  /**
   * Collects {@code paths} (absolute, normalized, none inside another).
   *
   * @throws ShellbusException with {@code INVALID_PATH} (as a failed future) for a bad or overlapping path
   */
  public Future<Result> collect(SandboxHandle sandbox, List<String> paths, ArtifactKeys keys, Deadline deadline,
      ExecLauncher.Observer observer) {
    List<String> declared;
    try {
      declared = normalized(paths);
    } catch (ShellbusException e) {
      return Future.failedFuture(e);
    }
    if (declared.isEmpty()) {
      return Future.succeededFuture(new Result(List.of(), List.of(), new ExecCapture(0, "", "")));
    }
    List<String> argv = new ArrayList<>(List.of("tar", "-c", "-f", "-", "-C", "/"));
    declared.forEach(path -> argv.add(SandboxPaths.relative(path)));
    ExecSpec spec = new ExecSpec(argv, "", Map.of(), null, ExecSpec.NO_TIMEOUT);
    return launcher.withReadyRetry(sandbox, deadline, observer, () -> launcher.exec(sandbox, spec, deadline, observer)
        .compose(call -> new ArtifactSplitter(declared, store, keys, highWaterMark, deadline, call).run()));
  }

  private static List<String> normalized(List<String> paths) {
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String path : paths) {
      String p = SandboxPaths.requireAbsolute(path);
      unique.add(p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    }
    List<String> list = List.copyOf(unique);
    for (String a : list) {
      for (String b : list) {
        if (!a.equals(b) && b.startsWith(a + "/")) {
          throw new ShellbusException(FailureCode.INVALID_PATH, "artifact path " + b + " lies inside " + a + "; declare one");
        }
      }
    }
    return list;
  }
}
