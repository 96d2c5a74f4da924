package dev.shellbus.worker.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Live figures of one {@link RequestConsumer}, safe to read from any thread: the gauges and counters the metrics
 * catalogue binds.
 *
 * <p>Gauges: requests running, records waiting in per-key queues, bytes of received and unfinished records, paused
 * and assigned partitions, and lag per partition (from the consumer's fetch position, refreshed on the poll thread).
 * Counters: requests completed, results re-published for redelivered requests, records dead-lettered.
 */
public final class ConsumerMetrics {

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong republished = new AtomicLong();
  private final AtomicLong ranAgain = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile Set<TopicPartition> paused = Set.of();
  private volatile Set<TopicPartition> assignment = Set.of();
  private volatile Map<TopicPartition, Long> lag = Map.of();

  /** Returns how many requests are running now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Returns how many received records wait for their key or a free slot. */
  public int queued() {
    return queued.get();
  }

  /** Returns the bytes of received records that have not completed. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /** Returns the partitions paused for backpressure, as last seen on the poll thread. */
  public Set<TopicPartition> pausedPartitions() {
    return paused;
  }

  /** Returns the partitions assigned to this consumer, as last seen on the poll thread. */
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  /** Returns the lag (records behind the log end) of each assigned partition whose lag is known. */
  public Map<TopicPartition, Long> lag() {
    return lag;
  }

  /** Returns how many requests completed with published terminal records. */
  public long completedCount() {
    return completed.get();
  }

  /** Returns how many redelivered, already completed requests had their stored records re-published. */
  public long republishedCount() {
    return republished.get();
  }

  /** Returns how many records went to the dead-letter topic. */
  public long deadLetteredCount() {
    return deadLettered.get();
  }

  void load(int running, int waiting, long bytes) {
    inFlight.set(running);
    queued.set(waiting);
    queuedBytes.set(bytes);
  }

  void completed() {
    completed.incrementAndGet();
  }

  /** Requests run again at once as their next attempt after an outage interrupted one. */
  public long ranAgainCount() {
    return ranAgain.get();
  }

  void ranAgain() {
    ranAgain.incrementAndGet();
  }

  void republished() {
    republished.incrementAndGet();
  }

  void deadLettered() {
    deadLettered.incrementAndGet();
  }

  void consumerState(Set<TopicPartition> assigned, Set<TopicPartition> pausedNow, Map<TopicPartition, Long> lags) {
    assignment = Set.copyOf(assigned);
    paused = Set.copyOf(pausedNow);
    lag = Map.copyOf(lags);
  }
}
