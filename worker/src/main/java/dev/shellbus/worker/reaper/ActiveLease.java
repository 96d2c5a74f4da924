package dev.shellbus.worker.reaper;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which reaper is active: the member of the reaper group that owns partition 0 of the one-partition lease topic.
 * Kafka's group coordinator does the election, so there is no consensus code here: when the active reaper dies,
 * the coordinator gives the partition to a standby after the session timeout ({@code reaper.lease-timeout}).
 *
 * <p>A thread of its own polls (nothing is ever written to the topic, so polls return nothing and only keep the
 * membership alive). {@link #active()} is true only while the partition is assigned and the last poll returned
 * within half the session timeout: a reaper whose thread stalled (a long GC pause, a frozen process) stops
 * deleting before the coordinator could have handed the lease to another one.
 */
final class ActiveLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveLease.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final long freshNanos;
  private final Thread thread;
  private volatile boolean owned;
  private volatile long lastPoll;
  private volatile boolean closed;
  private volatile boolean remain;

  ActiveLease(String bootstrap, Map<String, String> clientProperties, String groupId, String topic,
      Duration sessionTimeout, String clientId) {
    this.topic = topic;
    this.freshNanos = sessionTimeout.toNanos() / 2;
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, sessionTimeout.toMillis() / 5)));
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(Math.max(10_000, sessionTimeout.toMillis() * 3)));
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
    this.thread = new Thread(this::run, "shellbus-reaper-lease");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether this reaper holds the lease now and its membership is fresh. */
  boolean active() {
    return owned && System.nanoTime() - lastPoll < freshNanos;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          lose("revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          lose("lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) {
            lastPoll = System.nanoTime();
            owned = true;
            LOG.info("Reaper lease acquired ({}): this reaper is active", partitions);
          }
        }
      });
      while (!closed) {
        consumer.poll(Duration.ofMillis(200));
        lastPoll = System.nanoTime();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("Reaper lease membership failed; this reaper stays passive", e);
    } finally {
      owned = false;
      consumer.close(remain
          ? CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
          : CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.DEFAULT));
    }
  }

  private void lose(String how) {
    if (owned) {
      LOG.info("Reaper lease {}: this reaper is passive", how);
    }
    owned = false;
  }

  /**
   * Closes without leaving the group, as a killed process would: the coordinator hands the lease on only after the
   * session timeout. For tests of the takeover.
   */
  void abandon() {
    remain = true;
    close();
  }

  @Override
  public void close() {
    closed = true;
    owned = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
