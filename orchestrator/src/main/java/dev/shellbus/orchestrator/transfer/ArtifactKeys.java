package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.store.ObjectRef;

/** Where each collected path is stored; the engine derives these from the request. */
public interface ArtifactKeys {
  /** The object for a regular file at {@code path}. */
  ObjectRef file(String path);

  /** The object (a tar archive) for a directory at {@code path}. */
  ObjectRef directory(String path);
}
