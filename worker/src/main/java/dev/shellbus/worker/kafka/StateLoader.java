package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition of the request-state topic from its beginning to its current end into a map by request id.
 *
 * <p>It uses its own group-less consumer with {@code assign()}, so it commits nothing and joins no group. It is
 * called on the poll thread while a partition is being assigned, before any record of that partition is dispatched;
 * a tombstone removes the request's entry and an unreadable value is skipped with a warning.
 */
final class StateLoader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StateLoader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String topic;
  private final Duration timeout;
  private final KafkaConsumer<String, byte[]> consumer;

  StateLoader(ConsumerOptions options, Duration timeout) {
    this.topic = options.topics().requestState();
    this.timeout = timeout;
    Properties props = new Properties();
    props.putAll(options.clientProperties());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shellbus-state-" + options.workerId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
  }

  /** Returns the states of {@code partition} as of now; throws {@link IllegalStateException} past the timeout. */
  Map<String, RequestState> load(int partition) {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    TopicPartition tp = new TopicPartition(topic, partition);
    Map<String, RequestState> states = new HashMap<>();
    consumer.assign(List.of(tp));
    try {
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
      int read = 0;
      while (consumer.position(tp, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + tp + " up to offset " + end + " took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          read++;
          apply(states, record);
        }
      }
      LOG.info("Loaded request states of {}: {} records read, {} requests known, in {} ms", tp, read,
          states.size(), (System.nanoTime() - begin) / 1_000_000);
      return states;
    } finally {
      consumer.assign(List.of());
    }
  }

  private static void apply(Map<String, RequestState> states, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      states.remove(record.key());
      return;
    }
    try {
      states.put(record.key(), RequestStateCodec.decode(record.value()));
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping unreadable request state {}-{}@{} (key {}): {}", record.topic(), record.partition(),
          record.offset(), record.key(), e.getMessage());
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
