package dev.shellbus.orchestrator.store.s3;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The SDK's response body publisher as a Vert.x read stream. It requests at most {@value #WINDOW}
 * chunks ahead and only while the reader wants more (not paused, or fetch demand left), so a slow
 * reader holds the download back instead of filling memory. Every signal hops to the reader's
 * Vert.x context; the stream's state is touched only there. It starts paused until a data handler
 * is set.
 */
final class PublisherReadStream implements ReadStream<Buffer>, Subscriber<ByteBuffer> {
  static final int WINDOW = 4;

  private final Context context;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private Subscription subscription;
  private int outstanding;
  private long demand = Long.MAX_VALUE;
  private boolean completed;
  private boolean endDelivered;
  private boolean delivering;
  private Throwable failure;
  private Handler<Buffer> dataHandler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  private PublisherReadStream(Context context) {
    this.context = context;
  }

  /** Subscribes to {@code publisher}; nothing is requested until a handler is set. */
  static PublisherReadStream subscribe(Context context, Publisher<ByteBuffer> publisher) {
    PublisherReadStream stream = new PublisherReadStream(context);
    publisher.subscribe(stream);
    return stream;
  }

  @Override
  public void onSubscribe(Subscription s) {
    context.runOnContext(v -> {
      subscription = s;
      drain();
    });
  }

  @Override
  public void onNext(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    context.runOnContext(v -> {
      outstanding--;
      queue.add(Buffer.buffer(copy));
      drain();
    });
  }

  @Override
  public void onError(Throwable t) {
    context.runOnContext(v -> {
      failure = t;
      queue.clear();
      if (exceptionHandler != null) {
        exceptionHandler.handle(t);
      }
    });
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> {
      completed = true;
      drain();
    });
  }

  @Override
  public PublisherReadStream handler(Handler<Buffer> handler) {
    dataHandler = handler;
    if (handler == null && subscription != null && !completed) {
      subscription.cancel();
    }
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public PublisherReadStream exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    return this;
  }

  @Override
  public PublisherReadStream endHandler(Handler<Void> handler) {
    endHandler = handler;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public PublisherReadStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public PublisherReadStream resume() {
    demand = Long.MAX_VALUE;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public PublisherReadStream fetch(long amount) {
    if (amount > 0) {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      context.runOnContext(v -> drain());
    }
    return this;
  }

  private void drain() {
    if (delivering || failure != null) {
      return;
    }
    delivering = true;
    try {
      while (demand > 0 && dataHandler != null && !queue.isEmpty()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        dataHandler.handle(queue.poll());
      }
      if (completed && queue.isEmpty() && !endDelivered && endHandler != null) {
        endDelivered = true;
        endHandler.handle(null);
      }
      requestMore();
    } finally {
      delivering = false;
    }
  }

  private void requestMore() {
    if (subscription == null || completed || dataHandler == null || demand == 0) {
      return;
    }
    int want = WINDOW - outstanding - queue.size();
    if (want > 0) {
      outstanding += want;
      subscription.request(want);
    }
  }
}
