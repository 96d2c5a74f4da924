package dev.shellbus.devkit.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Options of an {@link EmbeddedKafka}: data directory, ports, default partitions and extra broker
 * properties.
 *
 * <p>A port of 0 (the default) means a free ephemeral port picked at the first start. The keys that
 * define the node's identity, listeners and directories are reserved, because the embedded broker
 * derives them from the options above; any other broker property may be set and overrides the
 * embedded defaults.
 */
public final class EmbeddedKafkaBuilder {

    private static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "listeners",
            "advertised.listeners", "controller.listener.names", "log.dirs", "log.dir",
            "metadata.log.dir");

    final Path dataDir;
    int brokerPort;
    int controllerPort;
    int defaultPartitions = 1;
    final Map<String, String> brokerProperties = new LinkedHashMap<>();

    EmbeddedKafkaBuilder(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
    }

    /** Fixes the client (PLAINTEXT) port; 0 picks a free one. */
    public EmbeddedKafkaBuilder brokerPort(int port) {
        this.brokerPort = checkPort(port, "brokerPort");
        return this;
    }

    /** Fixes the controller (KRaft quorum) port; 0 picks a free one. */
    public EmbeddedKafkaBuilder controllerPort(int port) {
        this.controllerPort = checkPort(port, "controllerPort");
        return this;
    }

    /** Sets the partition count of topics created without one ({@code num.partitions}). */
    public EmbeddedKafkaBuilder defaultPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be >= 1, got " + partitions);
        }
        this.defaultPartitions = partitions;
        return this;
    }

    /** Sets one broker property, overriding the embedded default for that key. */
    public EmbeddedKafkaBuilder brokerProperty(String key, String value) {
        Objects.requireNonNull(value, "value");
        if (RESERVED.contains(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException(
                    "broker property " + key + " is derived from the builder's ports and data dir");
        }
        brokerProperties.put(key, value);
        return this;
    }

    /** Sets several broker properties, as {@link #brokerProperty(String, String)} does. */
    public EmbeddedKafkaBuilder brokerProperties(Map<String, String> properties) {
        properties.forEach(this::brokerProperty);
        return this;
    }

    /** Returns a broker with these options, not yet started. */
    public EmbeddedKafka build() {
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ: " + brokerPort);
        }
        return new EmbeddedKafka(this);
    }

    private static int checkPort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be in 0..65535, got " + port);
        }
        return port;
    }
}
