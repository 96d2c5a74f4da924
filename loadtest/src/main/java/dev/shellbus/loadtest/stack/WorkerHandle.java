package dev.shellbus.loadtest.stack;

/**
 * A shellbus worker the loadtest started: in this JVM ({@link InProcessWorker}) or in a JVM of its own
 * ({@link ForkedWorker}), whose CPU and heap figures are then the worker's alone.
 */
public interface WorkerHandle extends AutoCloseable {

  /** Samples the worker's JVM; {@code gcFirst} runs a full collection first (for heap-after-GC figures). */
  WorkerSample sample(boolean gcFirst);

  /** Returns whether the figures of {@link #sample} belong to the worker alone (a forked JVM). */
  boolean isolated();

  /** Drains and stops the worker. */
  @Override
  void close();
}
