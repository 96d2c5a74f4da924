package dev.shellbus.worker.it;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import dev.shellbus.orchestrator.transfer.ExecCapture;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.config.ConfigKeys;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.kafka.TopicNames;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One end-to-end test's world on real parts: the shared embedded broker (own topic prefix and group), the shared
 * embedded S3 server, an in-process dev gateway, workers each on their own Vert.x instance (so that one can crash
 * alone), a producer for requests and a reader of every output topic.
 */
final class World implements AutoCloseable {

  static final EventSerializer<SandboxRequest> REQUESTS = new EventSerializer<>(SandboxRequest.class);
  static final dev.shellbus.events.serde.EventDeserializer<dev.shellbus.events.v1.SandboxResult> RESULTS =
      new dev.shellbus.events.serde.EventDeserializer<>(dev.shellbus.events.v1.SandboxResult.class);

  final String bootstrap;
  final S3Service s3;
  final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  final TopicNames topics = TopicNames.defaults().prefixed(prefix);
  final Vertx gatewayVertx = Vertx.vertx();
  final DevGateway gateway;
  final GatewayClient client;
  private final List<Vertx> workerVertx = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private Outputs outputs;

  World(String bootstrap, S3Service s3) {
    this(bootstrap, s3, g -> g);
  }

  /** A world whose dev gateway {@code tune} adjusts. */
  World(String bootstrap, S3Service s3, UnaryOperator<DevGatewayOptions.Builder> tune) {
    this.bootstrap = bootstrap;
    this.s3 = s3;
    this.gateway = Waits.result(DevGateway.start(gatewayVertx, tune.apply(DevGatewayOptions.builder()
        .readyDelay(Duration.ofMillis(100)).deleteDelay(Duration.ofMillis(50))).build()));
    this.client = Waits.result(GrpcGatewayClient.connect(gatewayVertx, GatewayConnection.of(gateway.endpoint()),
        Optional.empty()));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /** The configuration of worker {@code id} in this world. */
  WorkerConfig.Builder config(String id) {
    return WorkerConfig.builder().workerId(id).kafkaBootstrapServers(bootstrap)
        .set("kafka.group-id", prefix + "group")
        .set(ConfigKeys.TOPIC_REQUESTS, topics.requests()).set(ConfigKeys.TOPIC_RESULTS, topics.results())
        .set(ConfigKeys.TOPIC_LIFECYCLE, topics.lifecycle()).set(ConfigKeys.TOPIC_AUDIT, topics.audit())
        .set(ConfigKeys.TOPIC_WORKERS, topics.workers()).set(ConfigKeys.TOPIC_DLQ, topics.deadLetters())
        .set(ConfigKeys.TOPIC_STATE, topics.requestState()).set(ConfigKeys.TOPICS_PARTITIONS, 3)
        .set("kafka.consumer.commit-interval", "100ms").set("heartbeat.interval", "1s")
        .set("health.interval", "500ms").set("kafka.properties",
            Map.of("session.timeout.ms", "10000", "heartbeat.interval.ms", "500"))
        .gatewayEndpoint(gateway.endpoint())
        .store(s3.endpoint().toString(), s3.bucket(), s3.accessKey(), s3.secretKey())
        .set(ConfigKeys.STORE_REGION, s3.region()).set(ConfigKeys.STORE_PREFIX, prefix + "objects")
        .managementPort(0).set(ConfigKeys.MANAGEMENT_HOST, "127.0.0.1").set("log.format", "text");
  }

  /** Starts worker {@code id} on its own Vert.x instance. */
  Worker start(String id, UnaryOperator<WorkerConfig.Builder> tune) {
    Vertx vertx = Vertx.vertx();
    workerVertx.add(vertx);
    Worker worker = Waits.result(Worker.start(vertx, tune.apply(config(id)).build()));
    workers.add(worker);
    if (outputs == null) {
      outputs = new Outputs(bootstrap, topics);
    }
    return worker;
  }

  Worker start(String id) {
    return start(id, b -> b);
  }

  /** Crashes {@code worker}: aborts it (nothing committed, cancelled or deleted) and closes its Vert.x instance. */
  void crash(Worker worker) {
    int i = workers.indexOf(worker);
    Waits.result(worker.crash());
    Waits.result(workerVertx.remove(i).close());
    workers.remove(i);
  }

  /** Results of {@code requestId} that were produced by a run, not re-published from the state topic. */
  long producedResults(String requestId) {
    return outputs.results.stream().filter(r -> r.headers().lastHeader("shellbus.republished") == null)
        .map(r -> World.RESULTS.decode(r.value())).filter(r -> r.getRequestId().equals(requestId)).count();
  }

  Outputs outputs() {
    return outputs;
  }

  /** Sends a request keyed by its session, else its id; waits for the broker's acknowledgement. */
  void send(SandboxRequest request) {
    String key = dev.shellbus.worker.mapping.RequestKind.sessionId(request).orElse(request.getRequestId());
    sendRaw(key, REQUESTS.encode(request));
  }

  void sendRaw(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topics.requests(), key.getBytes(StandardCharsets.UTF_8), value))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("sending a request failed", e);
    }
  }

  /** The sandboxes the gateway holds that shellbus manages. */
  List<SandboxInfo> managedSandboxes() {
    return Waits.result(client.list("", Map.of(SandboxLabels.MANAGED, "true"), Deadline.in(Duration.ofSeconds(10))));
  }

  /** Runs {@code argv} in the sandbox of session {@code session} through the gateway itself; answers its stdout. */
  String execInSession(String session, String... argv) {
    SandboxInfo sandbox = managedSandboxes().stream()
        .filter(s -> session.equals(s.labels().get(SandboxLabels.SESSION))).findFirst()
        .orElseThrow(() -> new AssertionError("no sandbox of session " + session));
    Deadline deadline = Deadline.in(Duration.ofSeconds(20));
    return Waits.result(client.exec(sandbox.handle(), ExecSpec.of(argv), deadline).compose(ExecCapture::of)
        .map(ExecCapture::stdout));
  }

  /** Waits until no managed sandbox is left on the gateway. */
  void awaitNoSandboxes() {
    Waits.until("no managed sandbox is left", () -> managedSandboxes().isEmpty(),
        () -> managedSandboxes().stream().map(s -> s.handle().name() + " " + s.phase() + " " + s.labels()).toList());
  }

  @Override
  public void close() {
    for (Worker w : workers) {
      try {
        Waits.result(w.drain());
      } catch (AssertionError e) {
        // already stopped
      }
    }
    if (outputs != null) {
      outputs.close();
    }
    producer.close();
    workerVertx.forEach(v -> Waits.result(v.close()));
    Waits.result(client.close());
    Waits.result(gateway.stop());
    Waits.result(gatewayVertx.close());
  }
}
