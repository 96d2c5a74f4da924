package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TopicInitializer} creates when a topic is missing.
 *
 * @param bootstrapServers the Kafka bootstrap address
 * @param topics the topic names
 * @param partitions partitions of each new topic (the state topic takes the requests topic's count when that exists)
 * @param replicationFactor replication of each new topic; 0 or less takes the broker's default
 * @param stateRetention how long request states are kept ({@code retention.ms} of the state topic)
 * @param adminProperties extra Kafka admin client properties
 */
public record TopicOptions(String bootstrapServers, TopicNames topics, int partitions, short replicationFactor,
    Duration stateRetention, Map<String, String> adminProperties) {

  /** Default of {@link #partitions()}. */
  public static final int DEFAULT_PARTITIONS = 12;
  /** Default of {@link #stateRetention()}: 7 days. */
  public static final Duration DEFAULT_STATE_RETENTION = Duration.ofDays(7);

  /** Validates the options. */
  public TopicOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    if (stateRetention == null || stateRetention.toMillis() < 1) {
      throw new IllegalArgumentException("stateRetention must be positive, got " + stateRetention);
    }
    adminProperties = Map.copyOf(adminProperties);
  }

  /** Options with default topics, 12 partitions, the broker's replication and 7 days of state retention. */
  public static TopicOptions defaults(String bootstrapServers) {
    return new TopicOptions(bootstrapServers, TopicNames.defaults(), DEFAULT_PARTITIONS, (short) 0,
        DEFAULT_STATE_RETENTION, Map.of());
  }
}
