package dev.shellbus.orchestrator.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.ContentDigest;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A body that leaves the event loop: the subscriber hears everything on the store's body thread, in order, within its
 * demand, and the digest holds exactly the bytes it was given.
 */
class OffContextBodyTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final DefaultEventExecutor bodyThread = new DefaultEventExecutor(new DefaultThreadFactory("test-body", true));

  @AfterEach
  void close() throws Exception {
    bodyThread.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    vertx.close().await();
  }

  /** Records what it is given and on which thread; asks for {@code batch} buffers at a time. */
  private static final class Recorder implements Subscriber<ByteBuffer> {
    final long batch;
    final List<String> signals = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<ByteBuffer> given = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong outstanding = new AtomicLong();
    volatile long mostOutstanding;
    Subscription subscription;

    Recorder(long batch) {
      this.batch = batch;
    }

    private void request() {
      outstanding.addAndGet(batch);
      subscription.request(batch);
    }

    @Override
    public void onSubscribe(Subscription s) {
      signals.add("subscribe");
      subscription = s;
      request();
    }

    @Override
    public synchronized void onNext(ByteBuffer b) {
      signals.add("next");
      threads.add(Thread.currentThread().getName());
      mostOutstanding = Math.max(mostOutstanding, batch - outstanding.get());
      if (outstanding.decrementAndGet() < 0) {
        done.completeExceptionally(new AssertionError("a buffer beyond demand"));
      }
      given.add(b);
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      bytes.writeBytes(copy);
      if (outstanding.get() == 0) {
        CompletableFuture.runAsync(this::request);
      }
    }

    @Override
    public void onError(Throwable t) {
      signals.add("error");
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      signals.add("complete");
      done.complete(null);
    }
  }

  private ReadStreamBody body(BufferPipe pipe, ContentDigest digest) {
    return ReadStreamBody.offContext(context, pipe, "application/octet-stream", bodyThread, digest);
  }

  @Test
  void everyByteReachesTheSubscriberOnTheBodyThreadInOrderAndTheDigestIsOfThoseBytes() throws Exception {
    Random random = new Random(7);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ContentDigest digest = new ContentDigest();
    Recorder recorder = new Recorder(3);
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(256 * 1024);
      body(pipe, digest).subscribe(recorder);
      int[] sizes = {1, 32 * 1024, 65_536, 700_000, 13, 0, 32 * 1024 + 5};
      for (int round = 0; round < 30; round++) {
        for (int size : sizes) {
          byte[] chunk = new byte[size];
          random.nextBytes(chunk);
          expected.writeBytes(chunk);
          pipe.write(Buffer.buffer(chunk));
        }
      }
      pipe.end();
    });
    recorder.done.get(30, TimeUnit.SECONDS);

    assertThat(recorder.bytes.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(recorder.threads).allMatch(name -> name.startsWith("test-body"));
    assertThat(recorder.signals.get(0)).isEqualTo("subscribe");
    assertThat(recorder.signals.get(recorder.signals.size() - 1)).isEqualTo("complete");
    assertThat(digest.sealed().size()).isEqualTo(expected.size());
    assertThat(digest.sealed().sha256Hex()).isEqualTo(DigestingReadStream.sha256Hex(expected.toByteArray()));
  }

  @Test
  void theSubscriberGetsEachChunkInAnArrayOfItsOwnSoItCannotPinTheFrameItCameIn() throws Exception {
    byte[] frame = new byte[50_000];
    new Random(9).nextBytes(frame);
    Recorder recorder = new Recorder(1);
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      body(pipe, new ContentDigest()).subscribe(recorder);
      pipe.write(BufferInternal.buffer(Unpooled.wrappedBuffer(frame)).slice(10, 110));
      pipe.end();
    });
    recorder.done.get(30, TimeUnit.SECONDS);

    ByteBuffer given = recorder.given.get(0);
    assertThat(given.array()).isNotSameAs(frame).hasSize(100);
    assertThat(given.array()).isEqualTo(Arrays.copyOfRange(frame, 10, 110));
  }

  @Test
  void nothingIsHandedOverBeyondDemandAndAPausedUploadHoldsTheWriterBack() throws Exception {
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
    CompletableFuture<BufferPipe> piped = new CompletableFuture<>();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1000);
      body(pipe, new ContentDigest()).subscribe(lazy);
      pipe.write(Buffer.buffer(new byte[600]));
      pipe.write(Buffer.buffer(new byte[700]));
      piped.complete(pipe);
    });
    Subscription s = subscribed.get(10, TimeUnit.SECONDS);
    BufferPipe pipe = piped.get(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertThat(received).isEmpty();
    assertThat(onContext(pipe::writeQueueFull)).as("the writer sees a full pipe while the SDK asks for nothing").isTrue();
    s.request(1);
    Thread.sleep(200);
    assertThat(received).containsExactly(600);
    assertThat(onContext(pipe::writeQueueFull)).isFalse();
  }

  @Test
  void demandAskedForInsideOnSubscribeIsKeptAndAnEmptyStreamCompletesAfterSubscribe() throws Exception {
    Recorder eager = new Recorder(Long.MAX_VALUE / 2);
    Recorder empty = new Recorder(1);
    ContentDigest emptyDigest = new ContentDigest();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      body(pipe, new ContentDigest()).subscribe(eager);
      pipe.write(Buffer.buffer("abc"));
      pipe.end();
      BufferPipe nothing = BufferPipe.onCurrentContext(1 << 20);
      nothing.end();
      body(nothing, emptyDigest).subscribe(empty);
    });
    eager.done.get(10, TimeUnit.SECONDS);
    empty.done.get(10, TimeUnit.SECONDS);

    assertThat(eager.bytes.toString()).isEqualTo("abc");
    assertThat(empty.signals).containsExactly("subscribe", "complete");
    assertThat(emptyDigest.sealed().size()).isZero();
    assertThat(emptyDigest.sealed().sha256Hex()).isEqualTo(DigestingReadStream.sha256Hex(new byte[0]));
  }

  @Test
  void aFailedStreamReachesTheSubscriberAsAnErrorAfterItsData() throws Exception {
    Recorder recorder = new Recorder(10);
    IllegalStateException boom = new IllegalStateException("upload source failed");
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1 << 20);
      body(pipe, new ContentDigest()).subscribe(recorder);
      pipe.write(Buffer.buffer("partial"));
      vertx.setTimer(100, id -> pipe.abort(boom));
    });
    assertThat(recorder.done).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingRootCause().isSameAs(boom);
    assertThat(recorder.signals).containsExactly("subscribe", "next", "error");
  }

  private <T> T onContext(java.util.concurrent.Callable<T> read) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(read.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }
}
