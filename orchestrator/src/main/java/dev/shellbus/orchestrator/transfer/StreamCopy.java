package dev.shellbus.orchestrator.transfer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/** Copies a read stream into a write stream with backpressure, in chunks no larger than a bound. */
final class StreamCopy {
  private StreamCopy() {}

  /** Copies everything, then ends {@code to}; fails if either side fails. */
  static Future<Void> copy(ReadStream<Buffer> from, WriteStream<Buffer> to, int maxChunk) {
    Promise<Void> done = Promise.promise();
    from.pause();
    from.exceptionHandler(done::tryFail);
    from.endHandler(v -> to.end().onComplete(done));
    from.handler(chunk -> {
      for (int at = 0; at < chunk.length(); at += maxChunk) {
        to.write(chunk.slice(at, Math.min(chunk.length(), at + maxChunk))).onFailure(done::tryFail);
      }
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(d -> from.resume());
      }
    });
    from.resume();
    return done.future();
  }
}
