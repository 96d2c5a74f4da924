package dev.shellbus.worker.kafka;

import dev.shellbus.events.v1.SandboxRequest;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One integration test's world: its own topics (unique prefix) on the shared broker, a Vert.x instance, the
 * publisher, a plain producer for requests, readers for the output topics and the group's committed offsets.
 */
final class KafkaHarness implements AutoCloseable {

  final String bootstrap;
  final Vertx vertx = Vertx.vertx();
  final TopicNames topics;
  final String group;
  final KafkaEventPublisher publisher;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;
  private final List<RequestConsumer> consumers = new ArrayList<>();

  KafkaHarness(String bootstrap, int partitions) {
    this.bootstrap = bootstrap;
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.topics = TopicNames.defaults().prefixed("it-" + id + ".");
    this.group = "group-" + id;
    Await.result(new TopicInitializer(vertx, new TopicOptions(bootstrap, topics, partitions, (short) 0,
        Duration.ofDays(1), Map.of())).ensureTopics());
    this.publisher = KafkaEventPublisher.create(vertx, PublisherOptions.defaults(bootstrap, "it-" + id));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** Options for a consumer of this harness's topics and group, shortened for tests. */
  ConsumerOptions options(String workerId) {
    return ConsumerOptions.defaults(bootstrap, group, workerId).withTopics(topics)
        .withTiming(Duration.ofMillis(100), Duration.ofSeconds(20))
        .withClientProperties(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500"));
  }

  /** Starts a consumer; it is stopped when the harness closes. */
  RequestConsumer start(String workerId, RequestHandler handler, UnaryOperator<ConsumerOptions> tune) {
    RequestConsumer consumer = new RequestConsumer(vertx, tune.apply(options(workerId)), handler, publisher);
    consumers.add(consumer);
    Await.result(consumer.start());
    return consumer;
  }

  /** Sends a request to {@code partition} (null: by key) and waits for the broker's acknowledgement. */
  long send(Integer partition, String key, SandboxRequest request) {
    return sendRaw(partition, key, Events.encode(request), List.of());
  }

  long sendRaw(Integer partition, String key, byte[] value, List<Header> headers) {
    byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    try {
      return producer.send(new ProducerRecord<>(topics.requests(), partition, k, value, headers))
          .get(30, TimeUnit.SECONDS).offset();
    } catch (Exception e) {
      throw new AssertionError("sending a request failed", e);
    }
  }

  /** Reads every record of {@code topic} from the beginning until {@code enough} records arrived. */
  List<ConsumerRecord<byte[], byte[]>> read(String topic, int enough) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Await.until(enough + " records on " + topic, () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.size() >= enough;
      }, () -> records.size() + " records");
    }
    return records;
  }

  /** Returns the group's committed offsets of the requests topic, by partition number. */
  Map<Integer, Long> committed() {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<Integer, Long> byPartition = new HashMap<>();
      offsets.forEach((tp, oam) -> {
        if (tp.topic().equals(topics.requests()) && oam != null) {
          byPartition.put(tp.partition(), oam.offset());
        }
      });
      return byPartition;
    } catch (Exception e) {
      throw new AssertionError("reading committed offsets failed", e);
    }
  }

  /** Returns the log-end offset of each partition of the requests topic. */
  Map<Integer, Long> endOffsets() {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      int count = admin.describeTopics(List.of(topics.requests())).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topics.requests()).partitions().size();
      for (int p = 0; p < count; p++) {
        request.put(new TopicPartition(topics.requests(), p), OffsetSpec.latest());
      }
      Map<Integer, Long> ends = new HashMap<>();
      admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return ends;
    } catch (Exception e) {
      throw new AssertionError("reading end offsets failed", e);
    }
  }

  /** The state of this harness's consumer group, as the coordinator reports it. */
  GroupState groupState() {
    try {
      return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS)
          .groupState();
    } catch (Exception e) {
      throw new AssertionError("describing the group failed", e);
    }
  }

  /**
   * A plain member of the group that joins (one poll) and then never polls again, so that every rebalance waits for
   * it until its poll interval (5 s) runs out and it leaves the group.
   */
  KafkaConsumer<byte[], byte[]> stalledMember() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "5000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(props);
    member.subscribe(List.of(topics.requests()));
    member.poll(Duration.ofSeconds(1));
    return member;
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (RequestConsumer consumer : consumers) {
      try {
        Await.result(consumer.stop());
      } catch (AssertionError e) {
        // already failed or stopped; nothing more to release
      }
    }
    Await.result(publisher.close(Duration.ofSeconds(5)));
    producer.close();
    admin.close();
    Await.result(vertx.close());
  }
}
