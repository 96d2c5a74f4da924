package dev.shellbus.devkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker running in this JVM, in KRaft mode with combined broker and controller
 * roles, listening on 127.0.0.1 only.
 *
 * <p>It serves the dev runtime ({@code shellbus dev}) and the integration tests. The data directory
 * belongs to the caller and survives {@link #stop()}: a later {@link #start()} or {@link #restart()}
 * reuses its cluster id, topics and committed offsets. Ports are chosen at the first start (free
 * ephemeral ports unless fixed in the builder) and kept for every restart, so clients keep one
 * bootstrap address for the life of the object.
 *
 * <p>Fatal broker faults are handled by Kafka's process-terminating fault handler, which halts the
 * JVM; the configuration is kept conservative (see {@link BrokerProperties}) so that it never fires
 * in normal use.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int START_ATTEMPTS = 3;

    private final Path dataDir;
    private final int fixedBrokerPort;
    private final int fixedControllerPort;
    private final int defaultPartitions;
    private final Map<String, String> extraProperties;

    private BrokerProperties.Ports ports;
    private KafkaRaftServer server;
    private String clusterId;

    EmbeddedKafka(EmbeddedKafkaBuilder builder) {
        this.dataDir = builder.dataDir;
        this.fixedBrokerPort = builder.brokerPort;
        this.fixedControllerPort = builder.controllerPort;
        this.defaultPartitions = builder.defaultPartitions;
        this.extraProperties = Map.copyOf(builder.brokerProperties);
    }

    /** Starts a builder for a broker that keeps its logs and metadata under {@code dataDir}. */
    public static EmbeddedKafkaBuilder builder(Path dataDir) {
        return new EmbeddedKafkaBuilder(dataDir);
    }

    /**
     * Formats the data directory if needed and starts the broker. Returns once it accepts clients
     * and, on a directory used before, once every existing partition has a writable leader again.
     *
     * @throws IllegalStateException if it is already running or cannot start
     */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("embedded Kafka already running on " + bootstrapServers());
        }
        long begin = System.nanoTime();
        boolean firstStart = ports == null;
        boolean formatted = createDataDir();
        for (int attempt = 1; server == null; attempt++) {
            if (ports == null) {
                ports = choosePorts();
            }
            try {
                server = launch(ports);
            } catch (Exception e) {
                boolean retry = firstStart && allPortsEphemeral() && attempt < START_ATTEMPTS
                        && FreePorts.isBindFailure(e);
                if (!retry) {
                    throw new IllegalStateException("embedded Kafka failed to start in " + dataDir, e);
                }
                LOG.warn("Port taken between pick and bind ({}), retrying with fresh ports", ports);
                ports = null;
            }
        }
        if (formatted) {
            awaitLeaders();
        }
        LOG.info("Embedded Kafka {} on {} in {} ms (cluster {}, data {})",
                firstStart ? "started" : "restarted", bootstrapServers(),
                (System.nanoTime() - begin) / 1_000_000, clusterId, dataDir);
        return this;
    }

    /** Shuts the broker down cleanly and waits for it; does nothing if it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        LOG.info("Embedded Kafka on {} stopped in {} ms",
                bootstrapServers(), (System.nanoTime() - begin) / 1_000_000);
    }

    /** Stops the broker and starts it again on the same ports and data directory. */
    public synchronized EmbeddedKafka restart() {
        stop();
        return start();
    }

    /** Same as {@link #stop()}, so that try-with-resources and test stores shut it down. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Returns the client bootstrap address, {@code 127.0.0.1:<port>}, valid from the first start on.
     *
     * @throws IllegalStateException before the first start
     */
    public synchronized String bootstrapServers() {
        if (ports == null) {
            throw new IllegalStateException("embedded Kafka has not been started yet");
        }
        return "127.0.0.1:" + ports.broker();
    }

    /** Tells whether the broker is running now. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Returns the cluster id recorded in the data directory, or null before the first start. */
    public synchronized String clusterId() {
        return clusterId;
    }

    /** Returns the data directory given to the builder. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates topics with the given number of partitions, waiting until they exist. */
    public void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers(), partitions, names);
    }

    /** Creates topics with the broker's default number of partitions from the builder. */
    public void createTopics(String... names) {
        createTopics(defaultPartitions, names);
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedKafka[" + (ports == null ? "not started" : bootstrapServers())
                + (server == null ? ", stopped" : ", running") + ", data " + dataDir + "]";
    }

    private void awaitLeaders() {
        try {
            KafkaTopics.awaitAllWritable(bootstrapServers());
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("embedded Kafka started but its partitions got no leader", e);
        }
    }

    private KafkaRaftServer launch(BrokerProperties.Ports chosen) throws IOException {
        Map<String, String> props =
                BrokerProperties.of(dataDir, chosen, defaultPartitions, extraProperties);
        clusterId = StorageFormat.format(dataDir, props);
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            candidate.startup();
            return candidate;
        } catch (RuntimeException e) {
            shutDownQuietly(candidate);
            throw e;
        }
    }

    private static void shutDownQuietly(KafkaRaftServer failed) {
        try {
            failed.shutdown();
            failed.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("Shutting down a broker that failed to start also failed", e);
        }
    }

    private BrokerProperties.Ports choosePorts() {
        int broker = fixedBrokerPort > 0 ? fixedBrokerPort : FreePorts.pickOtherThan(fixedControllerPort);
        int controller = fixedControllerPort > 0 ? fixedControllerPort : FreePorts.pickOtherThan(broker);
        return new BrokerProperties.Ports(broker, controller);
    }

    private boolean allPortsEphemeral() {
        return fixedBrokerPort == 0 && fixedControllerPort == 0;
    }

    /** Creates the data directory if needed; tells whether it was formatted by an earlier run. */
    private boolean createDataDir() {
        try {
            Files.createDirectories(dataDir);
            return StorageFormat.recordedClusterId(dataDir).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
    }
}
