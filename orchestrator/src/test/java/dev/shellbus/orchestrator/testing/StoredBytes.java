package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/** Reads a whole stored object into memory, for assertions on what the engine stored. */
public final class StoredBytes {
  private StoredBytes() {}

  /** Downloads the object at {@code uri} through {@code store} on {@code context} and answers its bytes. */
  public static byte[] download(Context context, ObjectStore store, String uri) {
    return OnContext.await(context, () -> store.get(ObjectRef.parse(uri), Deadline.in(Duration.ofSeconds(30)))
        .compose(StoredBytes::readAll));
  }

  private static Future<byte[]> readAll(ObjectContent content) {
    Promise<byte[]> done = Promise.promise();
    Buffer all = Buffer.buffer();
    content.body().exceptionHandler(done::tryFail);
    content.body().endHandler(v -> done.tryComplete(all.getBytes()));
    content.body().handler(all::appendBuffer);
    return done.future();
  }
}
