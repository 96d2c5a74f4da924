package dev.shellbus.orchestrator.transfer;

import java.util.Objects;
import java.util.Optional;

/** Where the bytes of an input file come from. */
public sealed interface InputSource {
  /**
   * Content carried in the request.
   *
   * @param data the file content, written verbatim
   */
  record Inline(byte[] data) implements InputSource {
    public Inline {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * An object in the store, streamed into the sandbox without landing on the worker's disk or heap.
   *
   * @param uri the {@code s3://bucket/key} of the object
   * @param sha256 the expected SHA-256 (lowercase hex); a mismatch fails with {@code DIGEST_MISMATCH}
   */
  record FromObject(String uri, Optional<String> sha256) implements InputSource {
    public FromObject {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * A tar archive in the store, unpacked into the input's path as a directory (used for
   * workspace snapshots and directory inputs).
   *
   * @param uri the {@code s3://bucket/key} of the archive
   */
  record Archive(String uri) implements InputSource {
    public Archive {
      Objects.requireNonNull(uri, "uri");
    }
  }
}
