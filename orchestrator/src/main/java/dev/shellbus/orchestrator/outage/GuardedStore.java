package dev.shellbus.orchestrator.outage;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Objects;

/**
 * An {@link ObjectStore} whose calls go through the store's {@link Breaker}: while the store is unavailable they wait
 * (within their deadline) before starting, and each outcome tells the breaker how the store is.
 *
 * <p>Uploads of bytes in memory (manifests, small logs), reads and deletes are repeated after an outage. A streamed
 * upload is not: its body can be read once. It waits before it starts; when it breaks midway, the operation that
 * produced the stream (an artifact collection, say) is what repeats, or the failure stands.
 */
public final class GuardedStore implements ObjectStore {

  private final ObjectStore delegate;
  private final Breaker breaker;

  /** Guards {@code delegate} with {@code breaker}. */
  public GuardedStore(ObjectStore delegate, Breaker breaker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public Future<StoredObject> put(ObjectRef ref, ReadStream<Buffer> body, String contentType, Deadline deadline) {
    return breaker.guard("upload of " + ref, deadline, false, () -> delegate.put(ref, body, contentType, deadline));
  }

  @Override
  public Future<StoredObject> put(ObjectRef ref, Buffer content, String contentType, Deadline deadline) {
    return breaker.guard("upload of " + ref, deadline, true, () -> delegate.put(ref, content, contentType, deadline));
  }

  @Override
  public Future<ObjectContent> get(ObjectRef ref, Deadline deadline) {
    return breaker.guard("download of " + ref, deadline, true, () -> delegate.get(ref, deadline));
  }

  @Override
  public Future<Void> delete(ObjectRef ref, Deadline deadline) {
    return breaker.guard("delete of " + ref, deadline, true, () -> delegate.delete(ref, deadline));
  }
}
