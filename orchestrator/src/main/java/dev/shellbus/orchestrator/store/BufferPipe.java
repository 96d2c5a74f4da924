package dev.shellbus.orchestrator.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * An in-memory, flow-controlled pipe: a producer writes buffers into it as a {@link WriteStream}
 * and a consumer reads them as a {@link ReadStream}. The producer sees {@link #writeQueueFull()}
 * once more than the high-water mark is queued and gets its drain handler when the consumer has
 * taken enough, so a slow consumer (an object-store upload) slows the producer (an exec stream)
 * without unbounded buffering. Either side may {@link #abort(Throwable)} it.
 *
 * <p>Not thread-safe: use it from the one Vert.x context it was created on. Data written before
 * the consumer sets a handler is queued; setting handlers and {@code fetch}/{@code resume} deliver
 * on a later turn of the context, so a consumer can set its end handler after its data handler.
 */
public final class BufferPipe implements WriteStream<Buffer>, ReadStream<Buffer> {
  private static final int OF_CHUNK = 64 * 1024;

  private final Context context;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long highWaterMark;
  private long queued;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean endDelivered;
  private boolean draining;
  private boolean drainScheduled;
  private boolean wasFull;
  private Throwable failure;
  private Handler<Buffer> dataHandler;
  private Handler<Void> endHandler;
  private Handler<Throwable> readerExceptionHandler;
  private Handler<Throwable> writerExceptionHandler;
  private Handler<Void> drainHandler;

  /** A pipe on {@code context} that reports full once more than {@code highWaterMark} bytes are queued. */
  public BufferPipe(Context context, long highWaterMark) {
    this.context = Objects.requireNonNull(context, "context");
    this.highWaterMark = highWaterMark;
  }

  /** A pipe on the current Vert.x context. */
  public static BufferPipe onCurrentContext(long highWaterMark) {
    Context current = Vertx.currentContext();
    if (current == null) {
      throw new IllegalStateException("not on a Vert.x context");
    }
    return new BufferPipe(current, highWaterMark);
  }

  /** An ended pipe holding {@code content} in 64 KiB slices (no copy): a read stream over a buffer. */
  public static BufferPipe of(Buffer content) {
    BufferPipe pipe = onCurrentContext(Long.MAX_VALUE);
    for (int at = 0; at < content.length(); at += OF_CHUNK) {
      pipe.write(content.slice(at, Math.min(content.length(), at + OF_CHUNK)));
    }
    pipe.end();
    return pipe;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (ended) {
      return Future.failedFuture(new IllegalStateException("pipe already ended"));
    }
    if (data.length() > 0) {
      queue.add(data);
      queued += data.length();
    }
    wasFull |= writeQueueFull();
    drain();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    ended = true;
    drain();
    return Future.succeededFuture();
  }

  /** Fails the pipe: queued data is dropped and both sides' exception handlers are called once. */
  public void abort(Throwable cause) {
    if (failure != null || endDelivered) {
      return;
    }
    failure = Objects.requireNonNull(cause, "cause");
    queue.clear();
    queued = 0;
    notify(readerExceptionHandler, cause);
    notify(writerExceptionHandler, cause);
  }

  /** The failure passed to {@link #abort(Throwable)}, or null. */
  public Throwable failure() {
    return failure;
  }

  /** Bytes written but not yet taken by the consumer. */
  public long queuedBytes() {
    return queued;
  }

  @Override
  public boolean writeQueueFull() {
    return queued > highWaterMark;
  }

  @Override
  public BufferPipe setWriteQueueMaxSize(int maxSize) {
    highWaterMark = maxSize;
    return this;
  }

  @Override
  public BufferPipe drainHandler(Handler<Void> handler) {
    drainHandler = handler;
    return this;
  }

  @Override
  public BufferPipe exceptionHandler(Handler<Throwable> handler) {
    readerExceptionHandler = handler;
    return this;
  }

  /** The handler told about an abort on the writing side. */
  public BufferPipe writerExceptionHandler(Handler<Throwable> handler) {
    writerExceptionHandler = handler;
    return this;
  }

  @Override
  public BufferPipe handler(Handler<Buffer> handler) {
    dataHandler = handler;
    scheduleDrain();
    return this;
  }

  @Override
  public BufferPipe endHandler(Handler<Void> handler) {
    endHandler = handler;
    scheduleDrain();
    return this;
  }

  @Override
  public BufferPipe pause() {
    demand = 0;
    return this;
  }

  @Override
  public BufferPipe resume() {
    demand = Long.MAX_VALUE;
    scheduleDrain();
    return this;
  }

  @Override
  public BufferPipe fetch(long amount) {
    if (amount > 0) {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      scheduleDrain();
    }
    return this;
  }

  private void scheduleDrain() {
    if (!drainScheduled) {
      drainScheduled = true;
      context.runOnContext(v -> {
        drainScheduled = false;
        drain();
      });
    }
  }

  private void drain() {
    if (draining || failure != null) {
      return;
    }
    draining = true;
    try {
      deliverData();
      deliverEnd();
    } finally {
      draining = false;
    }
    signalDrained();
  }

  private void deliverData() {
    while (demand > 0 && dataHandler != null && !queue.isEmpty() && failure == null) {
      Buffer next = queue.poll();
      queued -= next.length();
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      dataHandler.handle(next);
    }
  }

  private void deliverEnd() {
    if (ended && queue.isEmpty() && !endDelivered && failure == null && endHandler != null) {
      endDelivered = true;
      endHandler.handle(null);
    }
  }

  private void signalDrained() {
    if (wasFull && !writeQueueFull() && failure == null) {
      wasFull = false;
      Handler<Void> handler = drainHandler;
      if (handler != null) {
        handler.handle(null);
      }
    }
  }

  private static void notify(Handler<Throwable> handler, Throwable cause) {
    if (handler != null) {
      handler.handle(cause);
    }
  }
}
