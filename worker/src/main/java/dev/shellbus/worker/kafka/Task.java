package dev.shellbus.worker.kafka;

/**
 * One handed-over record of an owned partition, from dispatch until its offset completes or is given up.
 * Lives on the consumer's Vert.x context.
 */
final class Task {

  private final PartitionWork work;
  private final Polled polled;
  private InboundRequest inbound;
  private boolean released;

  Task(PartitionWork work, Polled polled) {
    this.work = work;
    this.polled = polled;
  }

  PartitionWork work() {
    return work;
  }

  Polled polled() {
    return polled;
  }

  /** Returns what the handler was given, once the request started; null before or when never handed to it. */
  InboundRequest inbound() {
    return inbound;
  }

  void started(InboundRequest request) {
    this.inbound = request;
  }

  /** Marks the task's bytes as released; false if they already were. */
  boolean release() {
    if (released) {
      return false;
    }
    released = true;
    return true;
  }

  /** Returns the key of the per-key queue: partition plus record key, else the request id. */
  Object queueKey(boolean perKeyFifo) {
    if (!perKeyFifo) {
      return this;
    }
    String key = polled.key();
    return work.partition() + "/" + (key != null ? "k:" + key : "r:" + polled.request().getRequestId());
  }

  @Override
  public String toString() {
    return polled.partition() + "@" + polled.offset();
  }
}
