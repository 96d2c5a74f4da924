package dev.shellbus.loadtest.kafka;

/** Told by the collector when an arrival's sandbox became ready and when its first step started. */
public interface ArrivalListener {

  /** The first {@code SANDBOX_READY} of the arrival was read at {@code nanos} ({@link System#nanoTime()}). */
  void sandboxReady(Arrival arrival, long nanos);

  /** The first {@code STEP_STARTED} of the arrival was read at {@code nanos}. */
  void firstStepStarted(Arrival arrival, long nanos);

  /** A listener that ignores everything. */
  static ArrivalListener none() {
    return new ArrivalListener() {
      @Override
      public void sandboxReady(Arrival arrival, long nanos) {}

      @Override
      public void firstStepStarted(Arrival arrival, long nanos) {}
    };
  }
}
