package dev.shellbus.worker.kafka;

import dev.shellbus.events.LogSafe;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
  private final int maxRetainedStates;
  private final KafkaConsumer<String, byte[]> consumer;

  StateLoader(ConsumerOptions options, Duration timeout) {
    this.topic = options.topics().requestState();
    this.timeout = timeout;
    this.maxRetainedStates = options.maxRetainedStates();
    this.consumer = new KafkaConsumer<>(ReaderProperties.of(options.bootstrapServers(), options.clientProperties(),
        "shellbus-state-" + options.workerId()));
  }

  /**
   * Returns the states of {@code partition} as of now, bounded by {@code maxRetainedStates}: states of requests below
   * {@code committed} (the group's committed offset of the request partition, -1 for none) may be left out. Throws
   * {@link IllegalStateException} past the timeout.
   */
  StateTable load(int partition, long committed) {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    TopicPartition tp = new TopicPartition(topic, partition);
    StateTable states = new StateTable(maxRetainedStates);
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
          apply(states, record, committed);
        }
      }
      LOG.info("Loaded request states of {}: {} records read, {} requests kept ({} below committed offset {} left"
          + " out), in {} ms", tp, read, states.size(), states.dropped(), committed,
          (System.nanoTime() - begin) / 1_000_000);
      return states;
    } finally {
      consumer.assign(List.of());
    }
  }

  private static void apply(StateTable states, ConsumerRecord<String, byte[]> record, long committed) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      states.remove(record.key());
      return;
    }
    try {
      RequestState state = RequestStateCodec.decode(record.value());
      if (state.requestId().equals(record.key())) {
        states.put(state, committed);
      } else {
        LOG.warn("Skipping request state {}-{}@{}: key {} names another request than its value ({})",
            record.topic(), record.partition(), record.offset(), LogSafe.id(record.key()),
            LogSafe.id(state.requestId()));
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping unreadable request state {}-{}@{} (key {}): {}", record.topic(), record.partition(),
          record.offset(), LogSafe.id(record.key()), LogSafe.text(e.getMessage()));
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
