package dev.shellbus.devkit.gateway.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of the exec engine, so tests and load runs can check flow control from the inside.
 *
 * <p>"Bytes in flight" are output bytes read from a process pipe (or produced by the simulation) whose gRPC write has
 * not completed yet. Flow control keeps them bounded by a few chunks per pipe plus the HTTP/2 write queue, however
 * slowly the client reads.
 */
public final class ExecStats {

  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong maxInFlight = new AtomicLong();
  private final AtomicLong outputBytes = new AtomicLong();
  private final AtomicLong maxStdinBacklog = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong running = new AtomicLong();

  /** Returns the output bytes currently read but not yet written to a client. */
  public long bytesInFlight() {
    return inFlight.get();
  }

  /** Returns the highest value {@link #bytesInFlight()} reached since the last {@link #resetMax()}. */
  public long maxBytesInFlight() {
    return maxInFlight.get();
  }

  /** Starts a new observation window for {@link #maxBytesInFlight()} and {@link #maxStdinBacklog()}. */
  public void resetMax() {
    maxInFlight.set(inFlight.get());
    maxStdinBacklog.set(0);
  }

  /** Returns the largest stdin backlog (bytes received, not yet written to a process) of any exec so far. */
  public long maxStdinBacklog() {
    return maxStdinBacklog.get();
  }

  /** Returns the output bytes written to clients since start. */
  public long outputBytes() {
    return outputBytes.get();
  }

  /** Returns how many execs were started since start. */
  public long started() {
    return started.get();
  }

  /** Returns how many execs are running now. */
  public long running() {
    return running.get();
  }

  void produced(int bytes) {
    maxInFlight.accumulateAndGet(inFlight.addAndGet(bytes), Math::max);
  }

  void released(int bytes, boolean delivered) {
    inFlight.addAndGet(-bytes);
    if (delivered) {
      outputBytes.addAndGet(bytes);
    }
  }

  void stdinBacklog(long bytes) {
    maxStdinBacklog.accumulateAndGet(bytes, Math::max);
  }

  void execStarted() {
    started.incrementAndGet();
    running.incrementAndGet();
  }

  void execEnded() {
    running.decrementAndGet();
  }

  @Override
  public String toString() {
    return "ExecStats{inFlight=" + inFlight + ", maxInFlight=" + maxInFlight + ", outputBytes=" + outputBytes
        + ", started=" + started + ", running=" + running + "}";
  }
}
