package dev.shellbus.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.testing.OnContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferPipeTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void writerSeesFullPastTheHighWaterMarkAndDrainOnceTheReaderCatchesUp() {
    List<String> log = OnContext.await(context, () -> {
      List<String> seen = new ArrayList<>();
      BufferPipe pipe = new BufferPipe(context, 10);
      pipe.pause();
      pipe.handler(chunk -> seen.add("data " + chunk));
      pipe.write(Buffer.buffer("0123456789"));
      seen.add("full " + pipe.writeQueueFull());
      pipe.write(Buffer.buffer("x"));
      seen.add("full " + pipe.writeQueueFull());
      pipe.drainHandler(v -> seen.add("drained"));
      Promise<List<String>> done = Promise.promise();
      pipe.endHandler(v -> done.complete(seen));
      pipe.end();
      pipe.fetch(1);
      vertx.setTimer(20, id -> pipe.resume());
      return done.future();
    });

    assertThat(log).containsExactly("full false", "full true", "data 0123456789", "drained", "data x");
  }

  @Test
  void dataWrittenBeforeTheReaderArrivesIsKeptAndEndComesAfterIt() {
    Buffer all = OnContext.await(context, () -> {
      BufferPipe pipe = BufferPipe.of(Buffer.buffer("a".repeat(200_000)));
      Buffer got = Buffer.buffer();
      Promise<Buffer> done = Promise.promise();
      pipe.handler(got::appendBuffer);
      pipe.endHandler(v -> done.complete(got));
      return done.future();
    });

    assertThat(all.length()).isEqualTo(200_000);
  }

  @Test
  void abortReachesBothSidesAndFailsLaterWrites() {
    List<String> log = OnContext.await(context, () -> {
      List<String> seen = new ArrayList<>();
      BufferPipe pipe = new BufferPipe(context, 100);
      pipe.exceptionHandler(e -> seen.add("reader " + e.getMessage()));
      pipe.writerExceptionHandler(e -> seen.add("writer " + e.getMessage()));
      pipe.abort(new IllegalStateException("boom"));
      Future<Void> write = pipe.write(Buffer.buffer("late"));
      seen.add("write failed " + write.failed());
      return Future.succeededFuture(seen);
    });

    assertThat(log).containsExactly("reader boom", "writer boom", "write failed true");
  }
}
