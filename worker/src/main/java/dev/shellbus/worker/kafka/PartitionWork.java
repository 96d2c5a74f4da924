package dev.shellbus.worker.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer holds for one assigned partition: its offset tracker, the request states read from the
 * co-partitioned state topic, and whether the partition is still owned.
 *
 * <p>A revocation first stops dispatch ({@link #revoking()}), waits for running requests ({@link #idle()}), then
 * disowns the partition: from then on nothing of it is written, published or committed. Lives on the consumer's
 * Vert.x context.
 */
final class PartitionWork {

  private final TopicPartition partition;
  private final OffsetTracker tracker = new OffsetTracker();
  private final StateTable states;
  private final Lease lease;
  private boolean owned = true;
  private boolean revoking;
  private int running;
  private Promise<Void> idle;

  /** Takes over {@code states}, loaded for the partition; from now on only the consumer's context touches them. */
  PartitionWork(TopicPartition partition, StateTable states, Lease lease) {
    this.partition = partition;
    this.states = states;
    this.lease = lease;
  }

  /** The lease of this assignment of the partition, which every attempt of it carries. */
  Lease lease() {
    return lease;
  }

  TopicPartition partition() {
    return partition;
  }

  OffsetTracker tracker() {
    return tracker;
  }

  /** Returns whether results of this partition may still be written and its offsets committed. */
  boolean owned() {
    return owned;
  }

  /** Returns whether new work of this partition may start. */
  boolean dispatching() {
    return owned && !revoking;
  }

  RequestState state(String requestId) {
    return states.get(requestId);
  }

  /**
   * Records a state the broker acknowledged, so that a duplicate request in this partition sees it; states of
   * requests below the committable offset may be dropped for the table's bound.
   */
  void remember(RequestState state) {
    if (owned) {
      states.put(state, tracker.committable().orElse(-1));
    }
  }


  /** Counts a request that started running. */
  void started() {
    running++;
  }

  /** Counts a request that stopped running (finished or abandoned). */
  void stopped() {
    running--;
    if (running == 0 && idle != null) {
      idle.tryComplete();
    }
  }

  int running() {
    return running;
  }

  /** Stops dispatch and returns a future that completes when no request of the partition runs any more. */
  Future<Void> revoking() {
    revoking = true;
    if (idle == null) {
      idle = Promise.promise();
      if (running == 0) {
        idle.complete();
      }
    }
    return idle.future();
  }

  /** Gives the partition up and returns the offset to commit for it, if any work completed. */
  OptionalLong disown() {
    owned = false;
    states.clear();
    return tracker.committable();
  }
}
