package dev.shellbus.orchestrator.store.s3;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * A request body of unknown length read from a Vert.x stream, as the SDK's reactive-streams
 * publisher. Demand maps one to one: {@code request(n)} becomes {@code fetch(n)} on the stream,
 * which otherwise stays paused, so the SDK's bounded part buffer is the only buffering there is.
 * Every stream call hops to the Vert.x context the stream belongs to; signals to the subscriber
 * come from that context, one at a time.
 */
final class ReadStreamBody implements AsyncRequestBody {
  private final Context context;
  private final ReadStream<Buffer> source;
  private final String contentType;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  ReadStreamBody(Context context, ReadStream<Buffer> source, String contentType) {
    this.context = context;
    this.source = source;
    this.contentType = contentType;
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
    context.runOnContext(v -> subscription.attach());
    subscriber.onSubscribe(subscription);
  }

  /** The link between one subscriber and the stream; its state is touched only on the context. */
  private final class StreamSubscription implements Subscription {
    private final Subscriber<? super ByteBuffer> subscriber;
    private boolean done;

    StreamSubscription(Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    void attach() {
      source.pause();
      source.handler(chunk -> {
        if (!done) {
          subscriber.onNext(ByteBuffer.wrap(chunk.getBytes()));
        }
      });
      source.endHandler(v -> finish(null));
      source.exceptionHandler(this::finish);
    }

    private void finish(Throwable failure) {
      if (done) {
        return;
      }
      done = true;
      if (failure == null) {
        subscriber.onComplete();
      } else {
        subscriber.onError(failure);
      }
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
