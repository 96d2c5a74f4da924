package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import dev.shellbus.worker.kafka.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code kafka.*} part of the configuration. {@code clientProperties} merges {@code kafka.properties-file} and
 * {@code kafka.properties} (the map wins); {@link #toString()} masks the values of secret-looking properties.
 *
 * @param bootstrapServers where the brokers are
 * @param groupId the consumer group
 * @param topics topic names
 * @param createTopics whether missing topics are created at start
 * @param partitions partitions of created topics
 * @param replicationFactor replication of created topics, 0 for the broker default
 * @param stateRetention retention of the request-state topic
 * @param maxInFlight requests run at once
 * @param maxQueuedBytes bytes of unfinished request records held
 * @param commitInterval how often offsets are committed
 * @param revokeGrace how long a revocation waits for running requests
 * @param maxRetainedStates request states kept in memory per partition
 * @param deliveryTimeout bound of one publish
 * @param clientProperties extra properties of every Kafka client
 * @param staticMembership whether the request consumer joins as a static member named by the worker id
 */
public record KafkaSettings(String bootstrapServers, String groupId, TopicNames topics, boolean createTopics,
    int partitions, short replicationFactor, Duration stateRetention, int maxInFlight, long maxQueuedBytes,
    Duration commitInterval, Duration revokeGrace, int maxRetainedStates, Duration deliveryTimeout,
    Map<String, String> clientProperties, boolean staticMembership) {

  /** Copies the properties. */
  public KafkaSettings {
    clientProperties = Map.copyOf(clientProperties);
  }

  static KafkaSettings from(ConfigValues v) {
    TopicNames topics = new TopicNames(v.get(TOPIC_REQUESTS), v.get(TOPIC_RESULTS), v.get(TOPIC_LIFECYCLE),
        v.get(TOPIC_AUDIT), v.get(TOPIC_WORKERS), v.get(TOPIC_DLQ), v.get(TOPIC_STATE));
    if (topics.all().stream().distinct().count() != topics.all().size()) {
      throw new ConfigException("kafka.topics", "every topic needs its own name, got " + topics.all());
    }
    if (v.get(KAFKA_BOOTSTRAP).isBlank()) {
      throw new ConfigException(KAFKA_BOOTSTRAP.name(), "must not be empty");
    }
    Map<String, String> props = new LinkedHashMap<>();
    v.find(KAFKA_PROPERTIES_FILE).ifPresent(file -> props.putAll(readProperties(file)));
    props.putAll(v.get(KAFKA_PROPERTIES));
    return new KafkaSettings(v.get(KAFKA_BOOTSTRAP), v.get(KAFKA_GROUP), topics, v.get(TOPICS_CREATE),
        v.get(TOPICS_PARTITIONS), v.get(TOPICS_REPLICATION).shortValue(), v.get(TOPICS_STATE_RETENTION),
        v.get(MAX_IN_FLIGHT), v.get(MAX_QUEUED_BYTES), v.get(COMMIT_INTERVAL), v.get(REVOKE_GRACE),
        v.get(MAX_RETAINED_STATES), v.get(DELIVERY_TIMEOUT), props, v.get(STATIC_MEMBERSHIP));
  }

  private static Map<String, String> readProperties(Path file) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new ConfigException(KAFKA_PROPERTIES_FILE.name(), "cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
    return out;
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", topics=" + topics
        + ", createTopics=" + createTopics + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
        + ", maxInFlight=" + maxInFlight + ", maxQueuedBytes=" + maxQueuedBytes + ", clientProperties="
        + Redactions.properties(clientProperties) + "]";
  }
}
