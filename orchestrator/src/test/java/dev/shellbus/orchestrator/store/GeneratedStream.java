package dev.shellbus.orchestrator.store;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lazily produced stream of pseudo-random bytes for tests: a chunk is made only when the reader
 * has demand, so whatever the reader holds in memory is its own doing. It records the SHA-256 of
 * what it produced and whether anyone ever switched it to flowing mode.
 */
public final class GeneratedStream implements ReadStream<Buffer> {
  private final Context context;
  private final long total;
  private final int chunk;
  private final SplittableRandom random;
  private final MessageDigest digest = DigestingReadStream.newSha256();
  private final AtomicLong produced = new AtomicLong();
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean ended;
  private boolean resumedEver;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  public GeneratedStream(Context context, long total, int chunk, long seed) {
    this.context = context;
    this.total = total;
    this.chunk = chunk;
    this.random = new SplittableRandom(seed);
  }

  /** Bytes handed out so far (readable from any thread). */
  public long produced() {
    return produced.get();
  }

  /** Whether a reader ever called {@code resume()} (a bridge that honours demand only fetches). */
  public boolean resumedEver() {
    return resumedEver;
  }

  /** SHA-256 of everything produced, once ended. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public GeneratedStream exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public GeneratedStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public GeneratedStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public GeneratedStream resume() {
    resumedEver = true;
    demand = Long.MAX_VALUE;
    schedule();
    return this;
  }

  @Override
  public GeneratedStream fetch(long amount) {
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public GeneratedStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    schedule();
    return this;
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    int batch = 0;
    while (demand > 0 && handler != null && produced.get() < total && batch++ < 16) {
      int size = (int) Math.min(chunk, total - produced.get());
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      digest.update(bytes);
      produced.addAndGet(size);
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(Buffer.buffer(bytes));
    }
    if (produced.get() >= total && !ended && endHandler != null) {
      ended = true;
      endHandler.handle(null);
    } else if (demand > 0 && produced.get() < total && handler != null) {
      schedule();
    }
  }
}
