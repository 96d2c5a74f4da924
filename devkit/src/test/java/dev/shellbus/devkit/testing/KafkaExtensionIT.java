package dev.shellbus.devkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.shellbus.devkit.kafka.EmbeddedKafka;
import dev.shellbus.devkit.kafka.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uses the run's Kafka cluster through the extension, embedded or external. */
@ExtendWith(KafkaExtension.class)
class KafkaExtensionIT {

    static KafkaService first;

    @BeforeAll
    static void resolveOnce(KafkaService kafka) {
        first = kafka;
    }

    @Test
    void theResolvedClusterCarriesRecords(KafkaService kafka, @BootstrapServers String bootstrap)
            throws Exception {
        String topic = "extension-" + UUID.randomUUID();
        kafka.createTopics(2, topic);

        KafkaTestClients.produce(bootstrap, topic, List.of("one", "two", "three"), i -> i % 2);
        List<ConsumerRecord<String, String>> received =
                KafkaTestClients.consumeAndCommit(bootstrap, topic, topic, r -> r.size() >= 3);

        assertThat(bootstrap).isEqualTo(kafka.bootstrapServers());
        assertThat(received).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    @DisabledIfEnvironmentVariable(named = "SHELLBUS_TEST_KAFKA", matches = ".+")
    void theEmbeddedBrokerIsHandedOutWhenNoExternalClusterIsNamed(EmbeddedKafka broker, KafkaService kafka) {
        assertThat(kafka.isExternal()).isFalse();
        assertThat(kafka.embedded()).containsSame(broker);
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
    }

    /** A nested class has its own class context; it must still get the run-wide cluster. */
    @Nested
    class InAnotherClassContext {

        @Test
        void theSameClusterIsHandedOutOncePerRun(KafkaService kafka) {
            assertThat(kafka).isSameAs(first);
        }
    }
}
