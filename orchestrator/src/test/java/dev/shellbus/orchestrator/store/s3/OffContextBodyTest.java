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
import java.util.stream.IntStream;
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

  /** Records what it is given and on which thread; asks for {@code batch} buffers at a time (none by itself if 0). */
  private static final class Recorder implements Subscriber<ByteBuffer> {
    final long batch;
    final List<String> signals = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<ByteBuffer> given = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Subscription> subscribed = new CompletableFuture<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong outstanding = new AtomicLong();

    Recorder(long batch) {
      this.batch = batch;
    }

    void ask(long n) throws Exception {
      outstanding.addAndGet(n);
      subscribed.get(10, TimeUnit.SECONDS).request(n);
    }

    private void askForBatch() {
      try {
        ask(batch);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    }

    @Override
    public void onSubscribe(Subscription s) {
      signals.add("subscribe");
      subscribed.complete(s);
      if (batch > 0) {
        askForBatch();
      }
    }

    @Override
    public synchronized void onNext(ByteBuffer b) {
      signals.add("next");
      threads.add(Thread.currentThread().getName());
      if (outstanding.decrementAndGet() < 0) {
        done.completeExceptionally(new AssertionError("a buffer beyond demand"));
      }
      given.add(b);
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      bytes.writeBytes(copy);
      if (batch > 0 && outstanding.get() == 0) {
        CompletableFuture.runAsync(this::askForBatch);
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
    int[] sizes = {1, 32 * 1024, 65_536, 700_000, 13, 0, 32 * 1024 + 5};
    List<Buffer> chunks = IntStream.range(0, 30 * sizes.length).mapToObj(i -> new byte[sizes[i % sizes.length]])
        .peek(random::nextBytes).peek(expected::writeBytes).map(Buffer::buffer).toList();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(256 * 1024);
      body(pipe, digest).subscribe(recorder);
      chunks.forEach(pipe::write);
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
  void nothingIsHandedOverBeyondDemandAndAStalledUploadHoldsTheWriterBackBeyondTheWindow() throws Exception {
    Recorder lazy = new Recorder(0);
    int chunks = ReadStreamBody.WINDOW + 14;
    CompletableFuture<BufferPipe> piped = new CompletableFuture<>();
    context.runOnContext(v -> {
      BufferPipe pipe = BufferPipe.onCurrentContext(1000);
      body(pipe, new ContentDigest()).subscribe(lazy);
      for (int i = 0; i < chunks; i++) {
        pipe.write(Buffer.buffer(new byte[600 + i]));
      }
      piped.complete(pipe);
    });
    BufferPipe pipe = piped.get(10, TimeUnit.SECONDS);
    lazy.subscribed.get(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertThat(lazy.given).isEmpty();
    assertThat(onContext(pipe::queuedBytes)).as("the window is taken, the rest waits in the pipe")
        .isEqualTo(IntStream.range(ReadStreamBody.WINDOW, chunks).map(i -> 600 + i).sum());
    assertThat(onContext(pipe::writeQueueFull)).as("the writer sees a full pipe while the SDK asks for nothing").isTrue();

    lazy.ask(1);
    Thread.sleep(200);
    assertThat(lazy.given).extracting(ByteBuffer::remaining).containsExactly(600);

    lazy.ask(chunks - 1);
    pollUntil(() -> lazy.given.size() == chunks);
    assertThat(onContext(pipe::writeQueueFull)).isFalse();
    assertThat(lazy.done).isNotCompletedExceptionally();
  }

  private static void pollUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
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
