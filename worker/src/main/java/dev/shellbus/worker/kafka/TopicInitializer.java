package dev.shellbus.worker.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the worker's topics when they are missing and checks that the request-state topic is co-partitioned.
 *
 * <p>Heartbeats ({@code shellbus.workers}) are compacted; request states are compacted and deleted after the
 * configured retention ({@code cleanup.policy=compact,delete}). A missing state topic gets as many partitions as the
 * requests topic. Existing topics are left as they are, but a state topic with fewer partitions than the requests
 * topic fails the start, since each state record lives in the partition number of its request.
 */
public final class TopicInitializer {

  private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
  private static final long TIMEOUT_MS = 30_000;
  private static final long METADATA_RETRY_MS = 100;

  private final Vertx vertx;
  private final TopicOptions options;

  /** Creates an initializer; nothing happens until {@link #ensureTopics()}. */
  public TopicInitializer(Vertx vertx, TopicOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Creates the missing topics and checks co-partitioning, off the event loop; answers the names it created. */
  public Future<List<String>> ensureTopics() {
    return vertx.executeBlocking(this::ensureBlocking, false);
  }

  /**
   * Creates the one-partition topic {@code name} (the reaper's lease) when it is missing, off the event loop; answers
   * whether it created it.
   */
  public Future<Boolean> ensureSinglePartition(String name) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = admin()) {
        if (admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(name)) {
          return false;
        }
        create(admin, List.of(newTopic(name, 1)));
        partitions(admin, name);
        return true;
      }
    }, false);
  }

  private Admin admin() {
    Properties props = new Properties();
    props.putAll(options.adminProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    return Admin.create(props);
  }

  private List<String> ensureBlocking() throws Exception {
    try (Admin admin = admin()) {
      TopicNames names = options.topics();
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      int requestPartitions = existing.contains(names.requests())
          ? partitions(admin, names.requests()) : options.partitions();
      List<NewTopic> missing = new ArrayList<>();
      for (String name : names.all()) {
        if (!existing.contains(name)) {
          int count = name.equals(names.requestState()) ? requestPartitions : options.partitions();
          missing.add(newTopic(name, count));
        }
      }
      create(admin, missing);
      requireCoPartitioned(names, partitions(admin, names.requests()), partitions(admin, names.requestState()));
      return missing.stream().map(NewTopic::name).toList();
    }
  }

  private NewTopic newTopic(String name, int partitions) {
    Optional<Short> replication = options.replicationFactor() > 0
        ? Optional.of(options.replicationFactor()) : Optional.empty();
    NewTopic topic = new NewTopic(name, Optional.of(partitions), replication);
    if (name.equals(options.topics().workers())) {
      topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    } else if (name.equals(options.topics().requestState())) {
      topic.configs(Map.of(
          TopicConfig.CLEANUP_POLICY_CONFIG,
          TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
          TopicConfig.RETENTION_MS_CONFIG, Long.toString(options.stateRetention().toMillis())));
    }
    return topic;
  }

  private static void create(Admin admin, List<NewTopic> topics) throws Exception {
    if (topics.isEmpty()) {
      return;
    }
    for (var entry : admin.createTopics(topics).values().entrySet()) {
      try {
        entry.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        LOG.info("Created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        LOG.info("Topic {} was created concurrently by someone else", entry.getKey());
      }
    }
  }

  /** Describes {@code topic}, waiting while a just-created topic is not yet known to the broker answering. */
  private static int partitions(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (true) {
      try {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic);
        return description.partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(METADATA_RETRY_MS);
      }
    }
  }

  /**
   * Fails with a message naming both topics unless they exist and the state topic has at least as many partitions as
   * the requests topic.
   */
  static void requireCoPartitioned(TopicNames names, int requestPartitions, int statePartitions) {
    if (requestPartitions == 0) {
      throw new IllegalStateException("requests topic " + names.requests() + " does not exist; create it (for "
          + "example with TopicInitializer) before starting the consumer");
    }
    if (statePartitions < requestPartitions) {
      throw new IllegalStateException(statePartitions == 0
          ? "request-state topic " + names.requestState() + " does not exist; create it with " + requestPartitions
              + " partitions (cleanup.policy=compact,delete), for example with TopicInitializer"
          : "request-state topic " + names.requestState() + " has " + statePartitions + " partitions but requests "
              + "topic " + names.requests() + " has " + requestPartitions + ": each request's state is written to "
              + "the state partition with the request's partition number, so the state topic needs at least as "
              + "many partitions; add partitions to " + names.requestState());
    }
  }
}
