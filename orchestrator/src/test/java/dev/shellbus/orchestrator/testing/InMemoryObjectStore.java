package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** An object store in memory for engine tests, with a switch to make uploads fail. */
public final class InMemoryObjectStore implements ObjectStore {
  private final Map<String, Buffer> objects = new ConcurrentHashMap<>();
  private volatile Predicate<ObjectRef> failPuts = ref -> false;
  private volatile Vertx slowOn;

  /** Makes puts whose reference matches fail with STORAGE_FAILED. */
  public void failPuts(Predicate<ObjectRef> which) {
    this.failPuts = which;
  }

  /** Makes uploads slow: one chunk per millisecond, pulled with {@code fetch(1)} (for backpressure tests). */
  public void slow(Vertx vertx) {
    this.slowOn = vertx;
  }

  /** The bytes of an object, or null. */
  public Buffer bytes(String uri) {
    return objects.get(uri);
  }

  /** Stores bytes directly (test setup). */
  public void seed(ObjectRef ref, Buffer bytes) {
    objects.put(ref.uri(), bytes);
  }

  public Map<String, Buffer> all() {
    return Map.copyOf(objects);
  }

  @Override
  public Future<StoredObject> put(ObjectRef ref, ReadStream<Buffer> body, String contentType, Deadline deadline) {
    body.pause();
    Promise<StoredObject> done = Promise.promise();
    Buffer content = Buffer.buffer();
    DigestingReadStream digesting = new DigestingReadStream(body);
    digesting.exceptionHandler(done::tryFail);
    digesting.endHandler(v -> {
      if (failPuts.test(ref)) {
        done.tryFail(new ShellbusException(FailureCode.STORAGE_FAILED, "injected put failure for " + ref));
        return;
      }
      objects.put(ref.uri(), content);
      done.tryComplete(new StoredObject(ref, digesting.size(), digesting.sha256Hex()));
    });
    Vertx slow = slowOn;
    if (slow == null) {
      digesting.handler(content::appendBuffer);
      digesting.resume();
    } else {
      digesting.handler(chunk -> {
        content.appendBuffer(chunk);
        slow.setTimer(1, id -> digesting.fetch(1));
      });
      digesting.fetch(1);
    }
    return done.future();
  }

  @Override
  public Future<ObjectContent> get(ObjectRef ref, Deadline deadline) {
    Buffer content = objects.get(ref.uri());
    if (content == null) {
      return Future.failedFuture(new ShellbusException(FailureCode.NOT_FOUND, "no object " + ref));
    }
    BufferPipe body = BufferPipe.of(content);
    body.pause();
    return Future.succeededFuture(new ObjectContent(content.length(), body));
  }

  @Override
  public Future<Void> delete(ObjectRef ref, Deadline deadline) {
    objects.remove(ref.uri());
    return Future.succeededFuture();
  }
}
