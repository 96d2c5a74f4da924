package dev.shellbus.devkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats the KRaft log directory the way {@code kafka-storage.sh format} does, keeping the cluster
 * id of an earlier run.
 *
 * <p>Formatting an existing directory with a new random id makes the next startup fail with
 * "Invalid cluster.id in meta.properties", so the id already recorded there is reused and the
 * format runs with {@code --ignore-formatted}. The server.properties handed to the tool is kept
 * in the data directory, which also helps when looking at a broker by hand.
 */
final class StorageFormat {

    private StorageFormat() {}

    /** Formats the directory if needed and returns the cluster id it carries. */
    static String format(Path dataDir, Map<String, String> brokerProperties) throws IOException {
        String clusterId = recordedClusterId(dataDir).orElseGet(() -> Uuid.randomUuid().toString());
        Path config = writeConfig(dataDir, brokerProperties);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
                    out);
        }
        if (rc != 0) {
            throw new IOException("formatting " + dataDir + " failed (rc " + rc + "): "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
        return clusterId;
    }

    /** Returns the cluster id from the log directory's meta.properties, if it was formatted. */
    static Optional<String> recordedClusterId(Path dataDir) throws IOException {
        Path meta = BrokerProperties.logDir(dataDir).resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(meta)) {
            props.load(in);
        }
        return Optional.ofNullable(props.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }

    private static Path writeConfig(Path dataDir, Map<String, String> brokerProperties)
            throws IOException {
        Properties props = new Properties();
        props.putAll(brokerProperties);
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by shellbus EmbeddedKafka");
        }
        return config;
    }
}
