package dev.shellbus.devkit.kafka;

import static dev.shellbus.devkit.kafka.KafkaTestClients.committedOffsets;
import static dev.shellbus.devkit.kafka.KafkaTestClients.consumeAndCommit;
import static dev.shellbus.devkit.kafka.KafkaTestClients.describe;
import static dev.shellbus.devkit.kafka.KafkaTestClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.shellbus.devkit.testing.Figures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a private embedded broker through produce, consume, restart and stop. */
class EmbeddedKafkaIT {

    @TempDir
    static Path dataDir;

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        long begin = System.nanoTime();
        kafka = EmbeddedKafka.builder(dataDir).build().start();
        Figures.print("kafka start (format + start of a fresh data dir)", begin);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void recordsRoundTripThroughAMultiPartitionTopicAndTheGroupCommitsTheirOffsets() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopics(3, "round-trip");
        List<String> values = values("v", 300);

        List<RecordMetadata> acked = produce(bootstrap, "round-trip", values, i -> -1);
        List<ConsumerRecord<String, String>> received =
                consumeAndCommit(bootstrap, "round-trip", "round-trip-group", r -> r.size() >= 300);

        assertThat(acked.stream().map(RecordMetadata::partition).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(values);
        assertThat(received).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value()));
        assertThat(committedOffsets(bootstrap, "round-trip-group")).isEqualTo(endOffsets(acked));
    }

    @Test
    void restartOnTheSameDirectoryKeepsTopicsAndCommittedOffsets() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopics(3, "survives-restart");
        produce(bootstrap, "survives-restart", values("before", 30), i -> i % 3);
        consumeAndCommit(bootstrap, "survives-restart", "restart-group", r -> r.size() >= 30);
        Map<TopicPartition, Long> committed = committedOffsets(bootstrap, "restart-group");

        long begin = System.nanoTime();
        kafka.restart();
        Figures.print("kafka restart (stop + start, same dir and ports)", begin);

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(describe(bootstrap, "survives-restart").partitions()).hasSize(3);
        assertThat(committedOffsets(bootstrap, "restart-group")).isEqualTo(committed)
                .containsValues(10L, 10L, 10L);
        produce(bootstrap, "survives-restart", values("after", 12), i -> i % 3);
        List<ConsumerRecord<String, String>> resumed = consumeAndCommit(bootstrap, "survives-restart",
                "restart-group", r -> r.stream().filter(x -> x.value().startsWith("after")).count() >= 12);
        assertThat(resumed).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(values("after", 12));
    }

    @Test
    void aNewBrokerOnAFormattedDirectoryReusesItsClusterIdAndTopics(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.builder(dir).build().start()) {
            first.createTopics(2, "kept");
            clusterId = first.clusterId();
        }
        try (EmbeddedKafka second = EmbeddedKafka.builder(dir).build().start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(describe(second.bootstrapServers(), "kept").partitions()).hasSize(2);
        }
    }

    @Test
    void stopShutsDownCleanlyAndReleasesThePort(@TempDir Path dir) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.builder(dir).build().start();
        int port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));

        long begin = System.nanoTime();
        broker.stop();
        Figures.print("kafka stop (shutdown + awaitShutdown)", begin);
        broker.stop();

        assertThat(broker.isRunning()).isFalse();
        assertThat(dir.resolve("data").resolve(".kafka_cleanshutdown")).exists();
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static Map<TopicPartition, Long> endOffsets(List<RecordMetadata> acked) {
        return acked.stream().collect(Collectors.toMap(
                m -> new TopicPartition(m.topic(), m.partition()), m -> m.offset() + 1, Math::max));
    }
}
