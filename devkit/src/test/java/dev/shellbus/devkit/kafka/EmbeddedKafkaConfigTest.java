package dev.shellbus.devkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaConfigTest {

    private static final BrokerProperties.Ports PORTS = new BrokerProperties.Ports(19092, 19093);

    @Test
    void singleNodeSettingsKeepEveryReplicationFactorAtOneAndTheDedupeBufferSmall() {
        Map<String, String> props = BrokerProperties.of(Path.of("/d"), PORTS, 3, Map.of());

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.cleaner.dedupe.buffer.size", "4194304")
                .containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", Path.of("/d", "data").toString());
    }

    @Test
    void listenersAndQuorumAreBoundToLoopbackOnTheChosenPorts() {
        Map<String, String> props = BrokerProperties.of(Path.of("/d"), PORTS, 1, Map.of());

        assertThat(props).containsEntry("listeners",
                        "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("process.roles", "broker,controller");
    }

    @Test
    void extraBrokerPropertiesOverrideTheEmbeddedDefaults() {
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder(Path.of("/d"))
                .brokerProperty("log.cleaner.dedupe.buffer.size", "1048576");

        Map<String, String> props = BrokerProperties.of(
                Path.of("/d"), PORTS, 1, builder.brokerProperties);

        assertThat(props).containsEntry("log.cleaner.dedupe.buffer.size", "1048576");
    }

    @Test
    void propertiesDerivedFromPortsAndDirectoryCannotBeOverridden() {
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder(Path.of("/d"));

        assertThatThrownBy(() -> builder.brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
        assertThatThrownBy(() -> builder.brokerProperty("log.dirs", "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fixedPortsMustBeValidAndDistinct() {
        assertThatThrownBy(() -> EmbeddedKafka.builder(Path.of("/d")).brokerPort(70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafka.builder(Path.of("/d"))
                .brokerPort(9092).controllerPort(9092).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClusterIdIsReadBackFromMetaProperties(@TempDir Path dir) throws Exception {
        assertThat(StorageFormat.recordedClusterId(dir)).isEmpty();

        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/meta.properties"),
                "version=1\nnode.id=1\ncluster.id=abcDEF123\n");

        assertThat(StorageFormat.recordedClusterId(dir)).contains("abcDEF123");
    }

    @Test
    void bindFailuresAreRecognisedThroughWrappingExceptions() {
        Exception wrapped = new RuntimeException("acceptor failed",
                new IllegalStateException("Socket server failed to bind to 127.0.0.1:1: Address already in use."));

        assertThat(FreePorts.isBindFailure(wrapped)).isTrue();
        assertThat(FreePorts.isBindFailure(new RuntimeException("disk full"))).isFalse();
    }
}
