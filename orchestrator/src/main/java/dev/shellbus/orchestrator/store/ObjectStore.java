package dev.shellbus.orchestrator.store;

import dev.shellbus.orchestrator.Deadline;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The port to S3-compatible object storage for logs, artifacts, manifests, snapshots and inputs.
 * Uploads take a stream of unknown length and never hold it whole in memory: the store pulls
 * bytes as fast as it can send them (backpressure through the stream's {@code fetch}) and computes
 * SHA-256 and size on the way. Futures complete on the caller's Vert.x context. Failures are
 * {@link dev.shellbus.orchestrator.ShellbusException}s: {@code NOT_FOUND} for a missing object,
 * {@code STORAGE_FAILED} or {@code RESOURCE_EXHAUSTED} otherwise, {@code DEADLINE_EXCEEDED} when
 * the deadline passes first.
 */
public interface ObjectStore {

  /**
   * Streams {@code body} into the object at {@code ref}, replacing any object there. The store
   * pauses {@code body} at once and reads it with {@code fetch}; the caller must not read it
   * itself. If {@code body} fails, the upload is aborted and nothing is stored. The store may read
   * the buffers {@code body} hands it where they lie, on another thread, until the returned future
   * completes, so a source never changes a buffer after handing it over.
   *
   * @param contentType the MIME type stored with the object
   */
  Future<StoredObject> put(ObjectRef ref, ReadStream<Buffer> body, String contentType, Deadline deadline);

  /** Opens the object for reading; fails with {@code NOT_FOUND} when it does not exist. */
  Future<ObjectContent> get(ObjectRef ref, Deadline deadline);

  /** Deletes the object; deleting a missing object succeeds. */
  Future<Void> delete(ObjectRef ref, Deadline deadline);

  /** Stores an in-memory buffer, for small objects such as manifests; call it on a Vert.x context. */
  default Future<StoredObject> put(ObjectRef ref, Buffer content, String contentType, Deadline deadline) {
    return put(ref, BufferPipe.of(content), contentType, deadline);
  }
}
