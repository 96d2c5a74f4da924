package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import io.vertx.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

/**
 * Copies one process pipe (stdout or stderr) to the call as output events, with flow control.
 *
 * <p>A pipe is read by a blocking thread from the engine's I/O pool (one thread per pipe: a pipe read cannot be made
 * non-blocking with the JDK process API, and the pool is bounded by the exec limit). Before each read the thread takes
 * a credit; the event loop gives the credit back once the chunk is written and the HTTP/2 write queue has room. While
 * the client reads slowly, the credits run out, this thread stops reading, the pipe fills and the command blocks on
 * its own write: the gateway never holds more than {@link #CREDITS} chunks per pipe outside the write queue.
 */
final class OutputPump implements Runnable {

  /** Chunks a pipe may have read ahead of the client: enough to overlap a read with a write. */
  static final int CREDITS = 4;

  private final InputStream pipe;
  private final boolean stderr;
  private final int chunkBytes;
  private final Context context;
  private final EventSink sink;
  private final ExecStats stats;
  private final Runnable onEof;
  private final Semaphore credits = new Semaphore(CREDITS);

  /**
   * Creates a pump; {@code onEof} runs on {@code context} after the last chunk of the pipe was handed to the sink.
   */
  OutputPump(InputStream pipe, boolean stderr, int chunkBytes, Context context, EventSink sink, ExecStats stats,
      Runnable onEof) {
    this.pipe = pipe;
    this.stderr = stderr;
    this.chunkBytes = chunkBytes;
    this.context = context;
    this.sink = sink;
    this.stats = stats;
    this.onEof = onEof;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[chunkBytes];
    try (InputStream in = pipe) {
      while (true) {
        credits.acquireUninterruptibly();
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        if (read == 0) {
          credits.release();
          continue;
        }
        ByteString chunk = ByteString.copyFrom(buffer, 0, read);
        stats.produced(read);
        context.runOnContext(v -> deliver(chunk));
      }
    } catch (IOException closed) {
      // The pipe was closed under us (process killed); that is its end of stream.
    }
    context.runOnContext(v -> onEof.run());
  }

  private void deliver(ByteString chunk) {
    sink.output(stderr, chunk);
    sink.whenWritable(credits::release);
  }
}
