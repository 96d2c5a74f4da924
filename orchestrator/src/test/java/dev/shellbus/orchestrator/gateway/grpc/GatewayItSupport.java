package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Small helpers for the gateway ITs: waiting on futures, collecting exec output, pumping stdin. */
final class GatewayItSupport {
  private GatewayItSupport() {}

  /** What an exec printed and how it ended. */
  record Output(String stdout, String stderr, int exit) {}

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static Throwable failureOf(Future<?> future) throws Exception {
    try {
      await(future);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Collects every event; call on the exec's context (inside a compose) or right after it opened. */
  static Future<Output> collect(ExecCall call) {
    Buffer out = Buffer.buffer();
    Buffer err = Buffer.buffer();
    call.events().handler(event -> {
      if (event instanceof ExecEvent.Stdout s) {
        out.appendBuffer(s.data());
      } else if (event instanceof ExecEvent.Stderr s) {
        err.appendBuffer(s.data());
      }
    });
    return call.exit().map(code -> new Output(out.toString(), err.toString(), code));
  }

  /** Writes all bytes in 64 KiB chunks, honouring writeQueueFull/drainHandler, then ends the stream. */
  static Future<Void> pump(WriteStream<Buffer> stdin, byte[] data) {
    Promise<Void> done = Promise.promise();
    pump(stdin, data, 0, done);
    return done.future();
  }

  private static void pump(WriteStream<Buffer> stdin, byte[] data, int from, Promise<Void> done) {
    int offset = from;
    while (offset < data.length && !stdin.writeQueueFull()) {
      int to = Math.min(data.length, offset + 64 * 1024);
      stdin.write(Buffer.buffer(java.util.Arrays.copyOfRange(data, offset, to)));
      offset = to;
    }
    if (offset >= data.length) {
      stdin.end().onComplete(done);
    } else {
      int next = offset;
      stdin.drainHandler(v -> pump(stdin, data, next, done));
    }
  }
}
