package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the client's stdin bytes to a process and then closes its stdin (EOF), from a blocking I/O thread.
 *
 * <p>The event loop {@linkplain #offer offers} chunks and never blocks. When more than {@link #HIGH_WATER} bytes wait,
 * {@code offer} says so and the caller pauses the gRPC request stream; the callback given to {@link #whenDrained}
 * runs once the backlog falls to {@link #LOW_WATER}, and the caller resumes. So the backlog stays below the high
 * water mark plus one message (at most 1 MiB), whatever the client sends. If the process stops reading stdin (it
 * exited or closed it), later bytes are discarded so the client is never stuck.
 */
final class StdinPump implements Runnable {

  static final long HIGH_WATER = 1024 * 1024;
  static final long LOW_WATER = 256 * 1024;
  private static final ByteString END = ByteString.copyFromUtf8("end of stdin");

  private final OutputStream stdin;
  private final ExecStats stats;
  private final BlockingQueue<ByteString> queue = new LinkedBlockingQueue<>();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicReference<Runnable> drained = new AtomicReference<>();

  StdinPump(OutputStream stdin, ExecStats stats) {
    this.stdin = stdin;
    this.stats = stats;
  }

  /** Queues bytes for the process; returns false when the caller should pause until {@link #whenDrained}. */
  boolean offer(ByteString data) {
    if (data.isEmpty()) {
      return true;
    }
    long now = backlog.addAndGet(data.size());
    stats.stdinBacklog(now);
    queue.add(data);
    return now < HIGH_WATER;
  }

  /** Runs {@code callback} (on the I/O thread, or here) once the backlog is at or below the low water mark. */
  void whenDrained(Runnable callback) {
    drained.set(callback);
    if (backlog.get() <= LOW_WATER) {
      fireDrained();
    }
  }

  /** Sends EOF to the process after the bytes already queued. */
  void finish() {
    queue.add(END);
  }

  @Override
  public void run() {
    boolean broken = false;
    try {
      while (true) {
        ByteString data = queue.take();
        if (data == END) {
          break;
        }
        if (!broken) {
          try {
            data.writeTo(stdin);
            stdin.flush();
          } catch (IOException gone) {
            broken = true;
          }
        }
        if (backlog.addAndGet(-data.size()) <= LOW_WATER) {
          fireDrained();
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        stdin.close();
      } catch (IOException ignored) {
        // Closing a pipe whose reader is gone fails; EOF is what we wanted anyway.
      }
      fireDrained();
    }
  }

  private void fireDrained() {
    Runnable callback = drained.getAndSet(null);
    if (callback != null) {
      callback.run();
    }
  }
}
