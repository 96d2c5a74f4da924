package dev.shellbus.orchestrator.store;

import java.util.Objects;

/**
 * An object as it was written: where it is, how many bytes it holds and their SHA-256, both
 * computed while the bytes streamed through (never by reading the object back).
 *
 * @param ref the object's address
 * @param size the number of bytes stored
 * @param sha256 SHA-256 of the stored bytes, 64 lowercase hex characters
 */
public record StoredObject(ObjectRef ref, long size, String sha256) {
  public StoredObject {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The object's {@code s3://} URI. */
  public String uri() {
    return ref.uri();
  }
}
