package dev.shellbus.worker.process;

import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.worker.heartbeat.OwnedSandboxes;
import dev.shellbus.worker.metrics.WorkerMetrics;

/**
 * The metrics view of engine events: how long sandbox operations took, the artifact bytes stored, and the registry of
 * sandboxes this worker owns (for heartbeats). Shared by every request; stateless.
 */
final class EngineMeters {

  private final WorkerMetrics metrics;
  private final OwnedSandboxes owned;

  EngineMeters(WorkerMetrics metrics, OwnedSandboxes owned) {
    this.metrics = metrics;
    this.owned = owned;
  }

  /** Counts an attempt whose fence came up. */
  void fenced() {
    metrics.fenced();
  }

  /** Measures {@code e} of the request {@code requestId} (in session {@code sessionId}, or null). */
  void on(EngineEvent e, String requestId, String sessionId) {
    if (e instanceof EngineEvent.SandboxCreated c) {
      metrics.sandbox("create", c.took());
      owned.created(c.sandbox().name(), c.sandbox().id(), requestId, sessionId);
    } else if (e instanceof EngineEvent.SandboxReady r) {
      metrics.sandbox("ready", r.took());
    } else if (e instanceof EngineEvent.StepFinished f) {
      metrics.sandbox("exec", f.duration());
    } else if (e instanceof EngineEvent.SandboxDeleted d) {
      metrics.sandbox("delete", d.took());
      owned.deleted(d.name());
    } else if (e instanceof EngineEvent.ArtifactStored a) {
      metrics.bytes("out", "artifact", a.object().size());
    }
  }
}
