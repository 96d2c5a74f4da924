package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.store.StoredObject;

/**
 * One declared sandbox path as it landed in the object store.
 *
 * @param path the sandbox path as declared
 * @param kind whether it was a regular file (stored as its bytes) or a directory (stored as one tar)
 * @param object where it is, with size and SHA-256
 */
public record CollectedArtifact(String path, Kind kind, StoredObject object) {
  /** What the declared path was in the sandbox. */
  public enum Kind {
    FILE,
    DIRECTORY
  }
}
