package dev.shellbus.worker.it;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.worker.kafka.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every output topic from the beginning on a background thread and keeps what arrived. */
final class Outputs implements AutoCloseable {

  private static final EventDeserializer<SandboxResult> RESULTS = new EventDeserializer<>(SandboxResult.class);
  private static final EventDeserializer<LifecycleEvent> LIFECYCLE = new EventDeserializer<>(LifecycleEvent.class);
  private static final EventDeserializer<AuditEvent> AUDIT = new EventDeserializer<>(AuditEvent.class);
  private static final EventDeserializer<WorkerHeartbeat> HEARTBEATS =
      new EventDeserializer<>(WorkerHeartbeat.class);

  final List<ConsumerRecord<byte[], byte[]>> results = new CopyOnWriteArrayList<>();
  final List<ConsumerRecord<byte[], byte[]>> lifecycle = new CopyOnWriteArrayList<>();
  final List<ConsumerRecord<byte[], byte[]>> audit = new CopyOnWriteArrayList<>();
  final List<ConsumerRecord<byte[], byte[]>> heartbeats = new CopyOnWriteArrayList<>();
  final List<ConsumerRecord<byte[], byte[]>> deadLetters = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  Outputs(String bootstrap, TopicNames topics) {
    Properties props = consumerProperties(bootstrap);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> sinks = Map.of(topics.results(), results, topics.lifecycle(),
        lifecycle, topics.audit(), audit, topics.workers(), heartbeats, topics.deadLetters(), deadLetters);
    thread = new Thread(() -> {
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : sinks.keySet()) {
          consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running) {
          consumer.poll(Duration.ofMillis(100)).forEach(r -> sinks.get(r.topic()).add(r));
        }
      }
    }, "it-outputs");
    thread.setDaemon(true);
    thread.start();
  }

  private static Properties consumerProperties(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /**
   * Reads {@code topic} from the beginning to its current end with a fresh consumer over every partition, as a
   * consumer that starts late (e.g. {@code shellbus submit --follow}) sees it: in partition order only.
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Waits.until("the whole of " + topic + " is read", () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      }, () -> out.size() + " records read of " + end);
    }
    return out;
  }

  List<SandboxResult> results() {
    return results.stream().map(r -> RESULTS.decode(r.value())).toList();
  }

  List<SandboxResult> resultsOf(String requestId) {
    return results().stream().filter(r -> r.getRequestId().equals(requestId)).toList();
  }

  List<LifecycleEvent> lifecycle() {
    return lifecycle.stream().map(r -> LIFECYCLE.decode(r.value())).toList();
  }

  List<LifecycleEvent> lifecycleOf(String requestId) {
    return lifecycle().stream().filter(e -> e.getRequestId().equals(requestId)).toList();
  }

  List<AuditEvent> audit() {
    return audit.stream().map(r -> AUDIT.decode(r.value())).toList();
  }

  List<WorkerHeartbeat> heartbeats() {
    return heartbeats.stream().filter(r -> r.value() != null).map(r -> HEARTBEATS.decode(r.value())).toList();
  }

  /** Waits until {@code requestId} has a result and answers it (the first). */
  SandboxResult awaitResult(String requestId) {
    Waits.until("a result for " + requestId, () -> !resultsOf(requestId).isEmpty(),
        () -> results().stream().map(SandboxResult::getRequestId).toList());
    return resultsOf(requestId).get(0);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
