package dev.shellbus.orchestrator.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.store.BufferPipe;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The SDK's view of a streamed body: every byte once, in order, only on demand, then one completion. */
class ReadStreamBodyTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A subscriber asking for one buffer at a time, from a thread of its own, as the SDK does. */
  private static final class Collector implements Subscriber<ByteBuffer> {
    final List<Integer> sizes = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Subscription subscription;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      CompletableFuture.runAsync(() -> s.request(1));
    }

    @Override
    public synchronized void onNext(ByteBuffer b) {
      sizes.add(b.remaining());
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      bytes.writeBytes(copy);
      CompletableFuture.runAsync(() -> subscription.request(1));
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }

  @Test
  void chunksOfAnySizeArriveWholeAndInOrder() throws Exception {
    Random random = new Random(5);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Collector collector = new Collector();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      new ReadStreamBody(context, pipe, "application/octet-stream").subscribe(collector);
      // Exec-like chunks of all sizes, some larger than the pipe's high-water mark.
      int[] sizes = {7, 32 * 1024, 32 * 1024, 100_000, 700_000, 300_000, 1, 32 * 1024, 5};
      for (int round = 0; round < 20; round++) {
        for (int size : sizes) {
          byte[] chunk = new byte[size];
          random.nextBytes(chunk);
          expected.writeBytes(chunk);
          pipe.write(Buffer.buffer(chunk));
        }
      }
      pipe.end();
    });
    collector.done.get(30, TimeUnit.SECONDS);

    assertThat(collector.bytes.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void anEmptyStreamCompletesWithoutData() throws Exception {
    Collector collector = new Collector();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      new ReadStreamBody(context, pipe, "text/plain").subscribe(collector);
      pipe.end();
    });
    collector.done.get(30, TimeUnit.SECONDS);
    assertThat(collector.sizes).isEmpty();
  }

  @Test
  void nothingIsDeliveredBeyondDemand() throws Exception {
    CompletableFuture<Subscription> subscribed = new CompletableFuture<>();
    List<Integer> received = new CopyOnWriteArrayList<>();
    Subscriber<ByteBuffer> lazy = new Subscriber<>() {
      @Override
      public void onSubscribe(Subscription s) {
        subscribed.complete(s);
      }

      @Override
      public void onNext(ByteBuffer b) {
        received.add(b.remaining());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    };
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      new ReadStreamBody(context, pipe, "application/octet-stream").subscribe(lazy);
      pipe.write(Buffer.buffer(new byte[100]));
      pipe.write(Buffer.buffer(new byte[200]));
    });
    Subscription s = subscribed.get(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertThat(received).isEmpty();
    s.request(1);
    Thread.sleep(200);
    assertThat(received).containsExactly(100);
  }
}
