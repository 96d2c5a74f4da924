package dev.shellbus.worker.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Builds the request consumer's Kafka properties.
 *
 * <p>Defaults that {@link ConsumerOptions#clientProperties()} may override: start from the earliest offset when the
 * group has none (no request is skipped), the cooperative sticky assignor (a rebalance revokes only the partitions
 * that move), 500 records per poll, a 10 s session timeout with a heartbeat every second (a worker killed without
 * leaving the group gives its partitions up after 10 s instead of the client's default 45 s). Always set: bootstrap, group, client id, byte-array deserializers (decoding
 * happens on the poll thread so that bad bytes are dead-lettered, never thrown from {@code poll}), no auto commit,
 * and no topic auto-creation.
 */
final class ConsumerProperties {

  private ConsumerProperties() {}

  static Properties of(ConsumerOptions options) {
    Properties props = new Properties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    props.putAll(options.clientProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shellbus-worker-" + options.workerId());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return props;
  }
}
