package dev.shellbus.loadtest.kafka;

import dev.shellbus.loadtest.plan.Workload;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One arrival of the load: a workload started at an intended time, possibly made of several requests (a session).
 *
 * <p>The collector marks the first {@code SANDBOX_READY} and the first {@code STEP_STARTED} seen for any of the
 * arrival's requests; each mark succeeds once, so the statistics count each arrival once.
 */
public final class Arrival {

  private final Workload workload;
  private final long intendedNanos;
  private final boolean measured;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean stepStarted = new AtomicBoolean();

  /**
   * Creates an arrival.
   *
   * @param workload what it does
   * @param intendedNanos its scheduled start on the {@link System#nanoTime()} clock
   * @param measured false during the warm-up, whose arrivals are left out of the figures
   */
  public Arrival(Workload workload, long intendedNanos, boolean measured) {
    this.workload = workload;
    this.intendedNanos = intendedNanos;
    this.measured = measured;
  }

  /** Returns what the arrival does. */
  public Workload workload() {
    return workload;
  }

  /** Returns the scheduled start, {@link System#nanoTime()} clock. */
  public long intendedNanos() {
    return intendedNanos;
  }

  /** Returns whether the arrival counts in the figures. */
  public boolean measured() {
    return measured;
  }

  /** Marks the sandbox ready; true only the first time. */
  public boolean markReady() {
    return ready.compareAndSet(false, true);
  }

  /** Marks the first step started; true only the first time. */
  public boolean markStepStarted() {
    return stepStarted.compareAndSet(false, true);
  }
}
