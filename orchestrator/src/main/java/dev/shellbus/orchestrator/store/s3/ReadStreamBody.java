package dev.shellbus.orchestrator.store.s3;

import dev.shellbus.orchestrator.store.ContentDigest;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * A request body of unknown length read from a Vert.x stream, as the SDK's reactive-streams
 * publisher. Demand maps one to one: {@code request(n)} becomes {@code fetch(n)} on the stream,
 * which otherwise stays paused, so the SDK's bounded part buffer is the only buffering there is.
 * Every stream call hops to the Vert.x context the stream belongs to.
 *
 * <p>Signals to the subscriber go through {@code signals}, a serial executor, in the order the
 * stream produced them. With {@link #offContext} that is a thread of the store's own: the event loop
 * that reads the source hands over views of its buffers, and the copy of each chunk into an array of
 * its own, its digest and the SDK's work on it run on that thread. Between the two threads there are
 * never more chunks than the SDK asked for.
 */
final class ReadStreamBody implements AsyncRequestBody {
  private final Context context;
  private final ReadStream<Buffer> source;
  private final String contentType;
  private final Executor signals;
  private final ContentDigest digest;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /**
   * A body that signals its subscriber directly: {@code onSubscribe} on the subscribing thread, the
   * rest on the context (its digest is not read).
   */
  ReadStreamBody(Context context, ReadStream<Buffer> source, String contentType) {
    this(context, source, contentType, Runnable::run, new ContentDigest());
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
   * The link between one subscriber and the stream; its state is touched only on the context, and
   * the subscriber is called only through {@code signals}.
   */
  private final class StreamSubscription implements Subscription {
    private final Subscriber<? super ByteBuffer> subscriber;
    private boolean attached;
    private long early;
    private boolean done;

    StreamSubscription(Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    void attach() {
      source.pause();
      source.handler(chunk -> {
        if (!done) {
          ByteBuffer bytes = view(chunk);
          signals.execute(() -> {
            ByteBuffer own = compact(bytes);
            digest.update(own);
            subscriber.onNext(own);
          });
        }
      });
      source.endHandler(v -> finish(null));
      source.exceptionHandler(this::finish);
      attached = true;
      if (early > 0) {
        source.fetch(early);
      }
    }

    private void finish(Throwable failure) {
      if (done) {
        return;
      }
      done = true;
      signals.execute(() -> {
        if (failure == null) {
          digest.seal();
          subscriber.onComplete();
        } else {
          subscriber.onError(failure);
        }
      });
    }

    @Override
    public void request(long n) {
      context.runOnContext(v -> {
        if (done) {
          return;
        }
        if (n <= 0) {
          source.pause();
          finish(new IllegalArgumentException("reactive-streams rule 3.9: request(" + n + ")"));
        } else if (!attached) {
          early = early > Long.MAX_VALUE - n ? Long.MAX_VALUE : early + n;
        } else {
          source.fetch(n);
        }
      });
    }

    @Override
    public void cancel() {
      context.runOnContext(v -> {
        done = true;
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
