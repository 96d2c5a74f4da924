package dev.shellbus.loadtest.chaos.check;

import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.loadtest.chaos.check.Evidence.LifecycleRecord;
import dev.shellbus.loadtest.chaos.check.Evidence.ResultRecord;
import dev.shellbus.loadtest.chaos.proc.ScenarioTopics;
import dev.shellbus.loadtest.chaos.traffic.Hostile;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads what a settled scenario left behind: the results, lifecycle, DLQ, audit and every other topic of its prefix
 * except the requests topic, the gateway's sandbox list (ListSandboxes by the scenario's tenant label), the consumer
 * group's lag, the log files and every stored object, the last three also searched for the planted secrets.
 */
public final class EvidenceReader {

  private static final String REPUBLISHED = "shellbus.republished";

  private final String bootstrap;
  private final String gatewayEndpoint;
  private final Path storeDir;

  public EvidenceReader(String bootstrap, String gatewayEndpoint, Path storeDir) {
    this.bootstrap = bootstrap;
    this.gatewayEndpoint = gatewayEndpoint;
    this.storeDir = storeDir;
  }

  /** What the scenario itself knows: what it sent, its secrets, probes, crashes and the end of its last fault. */
  public record Known(Map<String, String> sent, List<String> secrets, Map<String, String> hostileIds,
      Map<String, Integer> hostileKinds, Map<String, Long> probes, List<String> crashes, long lastFaultMs,
      int sendFailures, List<Path> workerLogs, List<Path> otherLogs) {}

  /** Reads the evidence of the scenario named by {@code t}. */
  public Evidence read(ScenarioTopics t, Known k) throws Exception {
    SecretScan scan = new SecretScan(k.secrets());
    List<ResultRecord> results = new ArrayList<>();
    EventDeserializer<SandboxResult> results0 = new EventDeserializer<>(SandboxResult.class);
    TopicReader.readAll(bootstrap, t.results(), r -> {
      SandboxResult v = results0.deserialize(r.topic(), r.value());
      Header h = r.headers().lastHeader(REPUBLISHED);
      boolean republished = h != null && "true".equals(new String(h.value(), StandardCharsets.UTF_8));
      results.add(new ResultRecord(v.getRequestId(), v.getStatus().name(),
          v.getError() == null ? "" : v.getError().getCode(), v.getAttempt(), republished, r.timestamp()));
    });
    List<LifecycleRecord> lifecycle = new ArrayList<>();
    EventDeserializer<LifecycleEvent> life0 = new EventDeserializer<>(LifecycleEvent.class);
    TopicReader.readAll(bootstrap, t.lifecycle(), r -> {
      LifecycleEvent v = life0.deserialize(r.topic(), r.value());
      String sandbox = v.getSandboxName() != null ? v.getSandboxName() : v.getSandboxId();
      lifecycle.add(new LifecycleRecord(v.getRequestId(), v.getType().name(), sandbox, v.getAttempt(),
          v.getStepIndex()));
    });
    Map<String, Integer> dlq = new TreeMap<>();
    Map<String, Integer> dlqByKind = new TreeMap<>();
    java.util.Set<String> dlqSources = new java.util.HashSet<>();
    int[] dlqDuplicates = {0};
    TopicReader.readAll(bootstrap, t.dlq(), r -> {
      Header h = r.headers().lastHeader(Topics.DLQ_REASON);
      Header kindHeader = r.headers().lastHeader(Hostile.KIND_HEADER);
      String reason = h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
      dlq.merge(reason, 1, Integer::sum);
      if (!dlqSources.add(header(r, Topics.DLQ_SOURCE_PARTITION) + "@" + header(r, Topics.DLQ_SOURCE_OFFSET))) {
        dlqDuplicates[0]++;
      }
      dlqByKind.merge((kindHeader == null ? "good" : new String(kindHeader.value(), StandardCharsets.UTF_8)) + ":" + reason, 1,
          Integer::sum);
    });
    for (String topic : topics(t)) {
      TopicReader.readAll(bootstrap, topic, r -> scanRecord(scan, r));
    }
    Map<String, Long> logBytes = new TreeMap<>();
    for (Path log : k.workerLogs()) {
      logBytes.put(log.getFileName().toString(), Files.exists(log) ? Files.size(log) : 0L);
      scan.tree(log, "log " + log.getFileName());
    }
    for (Path log : k.otherLogs()) {
      scan.tree(log, "log " + log.getFileName());
    }
    scan.tree(storeDir, "store object");
    return new Evidence(k.sent(), results, lifecycle, dlq, dlqByKind, dlqDuplicates[0], k.hostileIds(), k.hostileKinds(), sandboxes(t), lag(t),
        logBytes, k.crashes(), scan.hits(), k.lastFaultMs(), k.probes(), k.sendFailures());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void scanRecord(SecretScan scan, ConsumerRecord<byte[], byte[]> r) {
    String where = "topic " + r.topic() + " partition " + r.partition() + " offset " + r.offset();
    scan.bytes(r.key(), where + " (key)");
    scan.bytes(r.value(), where);
    for (Header h : r.headers()) {
      scan.bytes(h.value(), where + " (header " + h.key() + ")");
    }
  }

  /** Every topic of the scenario's prefix except the requests topic. */
  private List<String> topics(ScenarioTopics t) throws Exception {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(n -> n.startsWith(t.prefix()) && !n.equals(t.requests())).sorted().collect(Collectors.toList());
    }
  }

  /** The lag of the workers' group on every requests partition: end offset minus committed offset. */
  public Map<Integer, Long> lag(ScenarioTopics t) throws Exception {
    try (Admin admin = admin()) {
      List<TopicPartition> parts = admin.describeTopics(List.of(t.requests())).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(t.requests()).partitions().stream()
          .map(p -> new TopicPartition(t.requests(), p.partition())).toList();
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(t.group())
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      var ends = admin.listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get(30, TimeUnit.SECONDS);
      Map<Integer, Long> lag = new TreeMap<>();
      for (TopicPartition p : parts) {
        OffsetAndMetadata c = committed.get(p);
        lag.put(p.partition(), ends.get(p).offset() - (c == null ? 0 : c.offset()));
      }
      return lag;
    }
  }

  /** The scenario's sandboxes on the gateway: name to phase. */
  public Map<String, String> sandboxes(ScenarioTopics t) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GrpcGatewayClient client = GrpcGatewayClient.connect(vertx, GatewayConnection.of(gatewayEndpoint),
          Optional.empty()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try {
        List<SandboxInfo> list = client.list("default", Map.of(SandboxLabels.TENANT, t.tenant()),
            Deadline.in(Duration.ofSeconds(30))).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        Map<String, String> m = new TreeMap<>();
        list.forEach(s -> m.put(s.handle().name(), s.phase().name()));
        return m;
      } finally {
        client.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  /** Lists the regular files under {@code dir}. */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
