package dev.shellbus.orchestrator.store.s3;

import dev.shellbus.orchestrator.store.ContentDigest;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * A request body of unknown length read from a Vert.x stream, as the SDK's reactive-streams
 * publisher. The stream is read with {@code fetch(n)} only (it otherwise stays paused), a bounded
 * window ahead of the SDK's demand, so the SDK's bounded part buffer and that window are the only
 * buffering there is. Every stream call hops to the Vert.x context the stream belongs to.
 *
 * <p>Signals to the subscriber go through {@code signals}, a serial executor, in the order the
 * stream produced them. With {@link #offContext} that is a thread of the store's own: the event loop
 * that reads the source hands over views of its buffers, and the copy of each chunk into an array of
 * its own, its digest and the SDK's work on it run on that thread. Between the two threads there are
 * at most {@value #WINDOW} chunks; beyond them the stream stays paused until the SDK asks for more.
 */
final class ReadStreamBody implements AsyncRequestBody {
  /** Chunks fetched from the stream ahead of the subscriber's demand. */
  static final int WINDOW = 16;

  private final Context context;
  private final ReadStream<Buffer> source;
  private final String contentType;
  private final Executor signals;
  private final ContentDigest digest;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /** A body that signals its subscriber from the context itself (its digest is not read). */
  ReadStreamBody(Context context, ReadStream<Buffer> source, String contentType) {
    this(context, source, contentType, task -> context.runOnContext(v -> task.run()), new ContentDigest());
  }

  private ReadStreamBody(Context context, ReadStream<Buffer> source, String contentType, Executor signals,
      ContentDigest digest) {
    this.context = context;
    this.source = source;
    this.contentType = contentType;
    this.signals = signals;
    this.digest = digest;
  }

  /**
   * A body whose signals, and the digest of its bytes, run on {@code signals} (serial, not the
   * context's thread). {@code digest} is sealed before the subscriber hears of the end, so it holds
   * exactly the bytes the SDK was given.
   */
  static ReadStreamBody offContext(Context context, ReadStream<Buffer> source, String contentType, Executor signals,
      ContentDigest digest) {
    return new ReadStreamBody(context, source, contentType, signals, digest);
  }

  @Override
  public Optional<Long> contentLength() {
    return Optional.empty();
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new NoSubscription());
      subscriber.onError(new IllegalStateException("a streamed body can be read only once"));
      return;
    }
    StreamSubscription subscription = new StreamSubscription(subscriber);
    signals.execute(() -> subscriber.onSubscribe(subscription));
    context.runOnContext(v -> subscription.attach());
  }

  /** The chunk's bytes as a buffer over the same memory. */
  private static ByteBuffer view(Buffer chunk) {
    return ((BufferInternal) chunk).getByteBuf().nioBuffer();
  }

  /**
   * The bytes in an array of their own. The SDK keeps what it is given until the part is stored (to
   * send it again on a retry), and a view would keep the whole received frame it lies in alive with
   * it; so the one copy is made here, on the signal thread, where the event loop does not pay for it.
   */
  private static ByteBuffer compact(ByteBuffer view) {
    return ByteBuffer.allocate(view.remaining()).put(view).flip();
  }

  /**
   * The link between one subscriber and the stream. The stream is fetched {@value #WINDOW} chunks
   * ahead of the subscriber and topped up in batches as the subscriber takes them, so that the two
   * threads do not wait on each other for every chunk; the chunks in between are all there is. The
   * fields above the line are touched only on the context, those below only through {@code signals}.
   */
  private final class StreamSubscription implements Subscription {
    private final Subscriber<? super ByteBuffer> subscriber;
    private boolean cancelled;
    private boolean endSeen;
    // ---- signals only
    private final ArrayDeque<ByteBuffer> ready = new ArrayDeque<>();
    private long demand;
    private long credit;
    private boolean ended;
    private boolean finished;

    StreamSubscription(Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    void attach() {
      source.pause();
      source.handler(chunk -> {
        if (!cancelled) {
          ByteBuffer bytes = view(chunk);
          signals.execute(() -> arrived(bytes));
        }
      });
      source.endHandler(v -> sourceEnded(null));
      source.exceptionHandler(this::sourceEnded);
      source.fetch(WINDOW);
    }

    private void sourceEnded(Throwable failure) {
      if (cancelled || endSeen) {
        return;
      }
      endSeen = true;
      signals.execute(() -> {
        if (failure == null) {
          ended = true;
          deliver();
        } else {
          fail(failure);
        }
      });
    }

    private void arrived(ByteBuffer bytes) {
      if (!finished) {
        ready.add(bytes);
        deliver();
      }
    }

    private void deliver() {
      while (demand > 0 && !ready.isEmpty() && !finished) {
        ByteBuffer own = compact(ready.poll());
        digest.update(own);
        demand--;
        credit++;
        subscriber.onNext(own);
      }
      if (credit >= WINDOW / 2 && !finished) {
        long more = credit;
        credit = 0;
        context.runOnContext(v -> {
          if (!cancelled) {
            source.fetch(more);
          }
        });
      }
      if (ended && ready.isEmpty() && !finished) {
        finished = true;
        digest.seal();
        subscriber.onComplete();
      }
    }

    private void fail(Throwable failure) {
      if (!finished) {
        finished = true;
        ready.clear();
        subscriber.onError(failure);
      }
    }

    @Override
    public void request(long n) {
      signals.execute(() -> {
        if (n <= 0) {
          stopSource();
          fail(new IllegalArgumentException("reactive-streams rule 3.9: request(" + n + ")"));
        } else if (!finished) {
          demand = demand > Long.MAX_VALUE - n ? Long.MAX_VALUE : demand + n;
          deliver();
        }
      });
    }

    @Override
    public void cancel() {
      signals.execute(() -> {
        finished = true;
        ready.clear();
      });
      stopSource();
    }

    private void stopSource() {
      context.runOnContext(v -> {
        cancelled = true;
        source.pause();
        source.handler(null);
      });
    }
  }

  /** The subscription handed to a second subscriber, which only gets an error. */
  private static final class NoSubscription implements Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
