package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RequestConsumer} consumes: where, as which group, and within which limits.
 *
 * <p>The config module builds it; {@link #defaults(String, String, String)} fills in the documented defaults.
 * {@code clientProperties} are passed to the Kafka consumer last, except for the settings the consumer relies on
 * (byte-array deserializers, manual commits), which it always sets itself.
 *
 * @param bootstrapServers the Kafka bootstrap address
 * @param groupId the consumer group shared by all workers
 * @param workerId this worker's id, recorded in request states and client ids
 * @param topics the topic names
 * @param maxInFlight how many requests may run at once (different keys); partitions pause when it is reached
 * @param maxQueuedBytes how many bytes of received, unfinished records may be held; partitions pause at this mark
 * @param perKeyFifo whether requests with the same key run strictly one after the other (on by default)
 * @param pollTimeout how long one {@code poll} waits for records
 * @param commitInterval how often completed offsets are committed while running
 * @param revokeGrace how long a revocation waits for running requests of the revoked partitions to finish
 * @param maxRetainedStates request states kept in memory per partition beyond the uncommitted window (see
 *     {@link StateTable}); the oldest committed ones are dropped past it
 * @param clientProperties extra Kafka consumer properties
 */
public record ConsumerOptions(
    String bootstrapServers,
    String groupId,
    String workerId,
    TopicNames topics,
    int maxInFlight,
    long maxQueuedBytes,
    boolean perKeyFifo,
    Duration pollTimeout,
    Duration commitInterval,
    Duration revokeGrace,
    int maxRetainedStates,
    Map<String, String> clientProperties) {

  /** Default of {@link #maxInFlight()}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  /** Default of {@link #maxQueuedBytes()}: 64 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
  /** Default of {@link #maxRetainedStates()}: about 30 MiB of heap per partition at about 3 KiB a state. */
  public static final int DEFAULT_MAX_RETAINED_STATES = 10_000;

  /** Validates the options, naming the offending one. */
  public ConsumerOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(topics, "topics");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
    }
    if (maxQueuedBytes < 1) {
      throw new IllegalArgumentException("maxQueuedBytes must be >= 1, got " + maxQueuedBytes);
    }
    positive(pollTimeout, "pollTimeout");
    positive(commitInterval, "commitInterval");
    if (revokeGrace == null || revokeGrace.isNegative()) {
      throw new IllegalArgumentException("revokeGrace must be >= 0, got " + revokeGrace);
    }
    if (maxRetainedStates < 1) {
      throw new IllegalArgumentException("maxRetainedStates must be >= 1, got " + maxRetainedStates);
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Options with the defaults: default topics, 256 in flight, 64 MiB, per-key FIFO, 100 ms poll, 1 s commits. */
  public static ConsumerOptions defaults(String bootstrapServers, String groupId, String workerId) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, TopicNames.defaults(), DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_MAX_QUEUED_BYTES, true, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30),
        DEFAULT_MAX_RETAINED_STATES, Map.of());
  }

  /** Returns a copy with other topic names. */
  public ConsumerOptions withTopics(TopicNames names) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, names, maxInFlight, maxQueuedBytes, perKeyFifo,
        pollTimeout, commitInterval, revokeGrace, maxRetainedStates, clientProperties);
  }

  /** Returns a copy with other limits. */
  public ConsumerOptions withLimits(int inFlight, long queuedBytes) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, topics, inFlight, queuedBytes, perKeyFifo,
        pollTimeout, commitInterval, revokeGrace, maxRetainedStates, clientProperties);
  }

  /** Returns a copy with another commit interval and revocation grace. */
  public ConsumerOptions withTiming(Duration commitEvery, Duration graceOnRevoke) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, topics, maxInFlight, maxQueuedBytes, perKeyFifo,
        pollTimeout, commitEvery, graceOnRevoke, maxRetainedStates, clientProperties);
  }

  /** Returns a copy that keeps at most {@code states} committed request states in memory per partition. */
  public ConsumerOptions withMaxRetainedStates(int states) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, topics, maxInFlight, maxQueuedBytes, perKeyFifo,
        pollTimeout, commitInterval, revokeGrace, states, clientProperties);
  }

  /** Returns a copy with other extra client properties. */
  public ConsumerOptions withClientProperties(Map<String, String> properties) {
    return new ConsumerOptions(bootstrapServers, groupId, workerId, topics, maxInFlight, maxQueuedBytes, perKeyFifo,
        pollTimeout, commitInterval, revokeGrace, maxRetainedStates, properties);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
  }
}
