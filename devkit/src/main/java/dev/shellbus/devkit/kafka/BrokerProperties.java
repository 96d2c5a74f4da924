package dev.shellbus.devkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the configuration of a single-node KRaft broker that is also its own controller.
 *
 * <p>Every replication factor and minimum ISR is 1, because a single node cannot satisfy more; with
 * the stock value of 3 the offsets topic is never created and consumer groups never get records.
 * The log cleaner's dedupe buffer is cut from 128 MiB to 4 MiB, which the broker would otherwise
 * allocate on the heap at startup. Topics are not auto-created: a producer that creates a topic
 * by writing to it can lose records in the moment the partition comes up (see {@link KafkaTopics}),
 * so topics are created explicitly. Extra properties from the caller are applied last and win.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String DEDUPE_BUFFER_BYTES = String.valueOf(4 * 1024 * 1024);

    private BrokerProperties() {}

    /** Returns the log directory under the data directory, where meta.properties lives. */
    static Path logDir(Path dataDir) {
        return dataDir.resolve("data");
    }

    static Map<String, String> of(
            Path dataDir, Ports ports, int defaultPartitions, Map<String, String> extra) {
        String broker = "127.0.0.1:" + ports.broker();
        String controller = "127.0.0.1:" + ports.controller();
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + controller);
        p.put("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        p.put("advertised.listeners", "PLAINTEXT://" + broker);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir(dataDir).toString());
        p.put("num.partitions", String.valueOf(defaultPartitions));
        p.put("auto.create.topics.enable", "false");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", DEDUPE_BUFFER_BYTES);
        p.putAll(extra);
        return p;
    }

    /** The two listener ports of the node: clients use the broker port, the quorum the other. */
    record Ports(int broker, int controller) {}
}
