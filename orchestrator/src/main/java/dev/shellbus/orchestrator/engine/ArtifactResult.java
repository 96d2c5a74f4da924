package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.transfer.CollectedArtifact;
import java.util.Optional;

/**
 * A stored artifact as the result reports it.
 *
 * @param artifact the sandbox path, its kind and the stored object (URI, SHA-256, size)
 * @param step the last step that ran before the copy; empty for GetFiles and snapshots
 */
public record ArtifactResult(CollectedArtifact artifact, Optional<String> step) {
  public String path() {
    return artifact.path();
  }

  public String uri() {
    return artifact.object().uri();
  }

  public String sha256() {
    return artifact.object().sha256();
  }

  public long size() {
    return artifact.object().size();
  }
}
