package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@link KafkaEventPublisher} produces.
 *
 * <p>The producer is always idempotent with {@code acks=all}; {@code deliveryTimeout} bounds how long a record may be
 * retried before its future fails. {@code clientProperties} are applied before those fixed settings, so they cannot
 * weaken them.
 *
 * @param bootstrapServers the Kafka bootstrap address
 * @param clientId the producer's client id
 * @param deliveryTimeout the upper bound on reporting success or failure of one send
 * @param clientProperties extra Kafka producer properties
 */
public record PublisherOptions(
    String bootstrapServers, String clientId, Duration deliveryTimeout, Map<String, String> clientProperties) {

  /** Default of {@link #deliveryTimeout()}. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** Validates the options. */
  public PublisherOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientId, "clientId");
    if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("deliveryTimeout must be >= 1s, got " + deliveryTimeout);
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Options with the default delivery timeout and no extra properties. */
  public static PublisherOptions defaults(String bootstrapServers, String clientId) {
    return new PublisherOptions(bootstrapServers, clientId, DEFAULT_DELIVERY_TIMEOUT, Map.of());
  }
}
