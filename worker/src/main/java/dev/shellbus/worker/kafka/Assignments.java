package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * What the group has assigned to this worker, as the poll thread last learned it, for the {@link Lease}s of running
 * attempts. Each assignment of a partition gets a new epoch; a lease is up when its partition is no longer assigned,
 * was assigned again since (another epoch), or the membership may have lapsed: no {@code poll} began within {@code
 * max.poll.interval.ms} (the client then leaves the group itself), or the poll thread showed no sign of life (a poll
 * returned, or a rebalance callback waited on) within {@code session.timeout.ms} (a frozen process: the coordinator
 * may have handed the partitions on meanwhile). The same freshness rule as the reaper's lease.
 *
 * <p>Only the poll thread writes; any thread reads (a concurrent map and volatile times).
 */
final class Assignments {

  private final Map<TopicPartition, Long> epochs = new ConcurrentHashMap<>();
  private final AtomicLong lastEpoch = new AtomicLong();
  private final LongSupplier nanos;
  private final long sessionNanos;
  private final long maxPollNanos;
  private volatile long pollBegan;
  private volatile long alive;

  Assignments(Duration sessionTimeout, Duration maxPollInterval, LongSupplier nanos) {
    this.nanos = nanos;
    this.sessionNanos = sessionTimeout.toNanos();
    this.maxPollNanos = maxPollInterval.toNanos();
    this.pollBegan = nanos.getAsLong();
    this.alive = pollBegan;
  }

  /** The timeouts the consumer runs with: its properties, else Kafka's defaults. */
  static Assignments of(Properties consumer, LongSupplier nanos) {
    return new Assignments(millis(consumer, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000),
        millis(consumer, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000), nanos);
  }

  /** Poll thread: a {@code poll} begins. */
  void polling() {
    long now = nanos.getAsLong();
    pollBegan = now;
    alive = now;
  }

  /** Poll thread: it is alive (a poll returned, or it waits in a rebalance callback). */
  void alive() {
    alive = nanos.getAsLong();
  }

  /** Poll thread: {@code partitions} were assigned; answers the lease each one's work starts with. */
  Map<TopicPartition, Lease> assigned(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Lease> leases = new HashMap<>();
    for (TopicPartition tp : partitions) {
      long epoch = lastEpoch.incrementAndGet();
      epochs.put(tp, epoch);
      leases.put(tp, () -> fenced(tp, epoch));
    }
    return leases;
  }

  /** Poll thread (or a stop): {@code partitions} were given up or lost. */
  void released(Collection<TopicPartition> partitions) {
    partitions.forEach(epochs::remove);
  }

  /** Everything is given up: the consumer stops. */
  void clear() {
    epochs.clear();
  }

  /** Why the lease of {@code partition} taken at {@code epoch} is up, or empty while it holds. */
  Optional<String> fenced(TopicPartition partition, long epoch) {
    Long current = epochs.get(partition);
    if (current == null) {
      return Optional.of("partition " + partition + " is no longer assigned to this worker");
    }
    if (current != epoch) {
      return Optional.of("partition " + partition + " was assigned again since the attempt started (assignment "
          + epoch + ", now " + current + ")");
    }
    long now = nanos.getAsLong();
    long sincePoll = now - pollBegan;
    if (sincePoll > maxPollNanos) {
      return Optional.of("no poll began for " + Duration.ofNanos(sincePoll).toMillis() + " ms, over max.poll.interval.ms ("
          + Duration.ofNanos(maxPollNanos).toMillis() + "): the consumer has left the group");
    }
    long silent = now - alive;
    if (silent > sessionNanos) {
      return Optional.of("the poll thread was silent for " + Duration.ofNanos(silent).toMillis()
          + " ms, over session.timeout.ms (" + Duration.ofNanos(sessionNanos).toMillis()
          + "): the group membership may have lapsed");
    }
    return Optional.empty();
  }

  private static Duration millis(Properties props, String key, long fallback) {
    Object value = props.get(key);
    return Duration.ofMillis(value == null ? fallback : Long.parseLong(value.toString().trim()));
  }
}
