package dev.shellbus.devkit.testing;

import java.util.Objects;
import java.util.Optional;

import dev.shellbus.devkit.kafka.EmbeddedKafka;
import dev.shellbus.devkit.kafka.KafkaTopics;

/**
 * The Kafka cluster a test talks to: the shared embedded broker, or an external cluster named by
 * {@code SHELLBUS_TEST_KAFKA}.
 *
 * <p>Tests that only produce and consume use {@link #bootstrapServers()} and work against both.
 * Tests that need to stop or restart a broker must check {@link #embedded()} (or build their own
 * {@link EmbeddedKafka}), because an external cluster cannot be restarted from a test; on a shared
 * cluster, topic names should be unique per test.
 *
 * @param bootstrapServers the client bootstrap address
 * @param embedded the embedded broker behind the address, empty for an external cluster
 */
public record KafkaService(String bootstrapServers, Optional<EmbeddedKafka> embedded) {

    /** Checks that the address is present. */
    public KafkaService {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(embedded, "embedded");
    }

    static KafkaService external(String bootstrapServers) {
        return new KafkaService(bootstrapServers, Optional.empty());
    }

    static KafkaService of(EmbeddedKafka broker) {
        return new KafkaService(broker.bootstrapServers(), Optional.of(broker));
    }

    /** Tells whether the address points at a cluster outside this JVM. */
    public boolean isExternal() {
        return embedded.isEmpty();
    }

    /** Creates topics with the given partition count and the cluster's default replication. */
    public void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers, partitions, names);
    }
}
