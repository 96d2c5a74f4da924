package dev.shellbus.loadtest.chaos.traffic;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes hostile records as raw bytes straight to the requests topic, mixed with good jobs: random bytes, valid
 * records cut at a random point, a wrong schema fingerprint, tombstones and empty values (undecodable: the DLQ's), and
 * decodable requests a worker must refuse: traversal and absolute paths, 20,000-character ids, NUL bytes, look-alike
 * Unicode in ids and labels, empty ids. Then one good job per partition behind them, whose time from publish to
 * result is the figure of how much the hostile records held the partitions back.
 */
public final class Hostile implements AutoCloseable {

  /** The header naming a hostile record's kind; the DLQ keeps a record's headers, so dead letters can be told apart. */
  public static final String KIND_HEADER = "chaos.hostile-kind";

  private static final String SOURCE = "/shellbus/chaos/hostile";
  private static final String[] KINDS = {"random-bytes", "truncated", "wrong-fingerprint", "tombstone", "empty-value",
      "traversal-path", "absolute-path", "oversize-id", "nul-bytes", "lookalike-unicode", "empty-fields"};

  private final KafkaProducer<String, byte[]> producer;
  private final EventSerializer<SandboxRequest> serializer = new EventSerializer<>(SandboxRequest.class);
  private final String topic;
  private final ChaosRequests requests;
  private final Ledger ledger;
  private final Random random;
  private final Map<String, Long> probes = new LinkedHashMap<>();

  public Hostile(String bootstrap, String topic, ChaosRequests requests, Ledger ledger, long seed) {
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20, ProducerConfig.CLIENT_ID_CONFIG, "shellbus-chaos-hostile"),
        new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.requests = requests;
    this.ledger = ledger;
    this.random = new Random(seed);
  }

  /** Publishes {@code count} hostile records with a good job after every {@code goodEvery}-th, then waits for acks. */
  public void publish(int count, int goodEvery) {
    for (int i = 0; i < count; i++) {
      String kind = KINDS[i % KINDS.length];
      hostile(kind);
      if (goodEvery > 0 && i % goodEvery == goodEvery - 1) {
        String id = requests.nextId();
        good(id, id, "job", null);
      }
    }
    producer.flush();
  }

  /** Publishes one good job to every partition behind the hostile records; returns their ids with send times. */
  public Map<String, Long> probe(int partitions) {
    for (int p = 0; p < partitions; p++) {
      String id = requests.nextId();
      probes.put(id, System.currentTimeMillis());
      good(id, id, "probe", p);
    }
    producer.flush();
    return Map.copyOf(probes);
  }

  private void good(String id, String key, String kind, Integer partition) {
    byte[] value = serializer.encode(requests.job(id, null));
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, partition, key, value);
    CloudEventHeaders.write(r.headers(), CloudEventAttributes.of(EventKind.REQUEST, id, SOURCE, Instant.now(), id));
    producer.send(r, (m, e) -> {
      if (e == null) {
        ledger.acked(id, kind, null);
      } else {
        ledger.sendFailed();
      }
    });
  }

  private void hostile(String kind) {
    String key = "hostile-" + random.nextInt(1_000_000);
    String id = null;
    byte[] value;
    switch (kind) {
      case "random-bytes" -> value = randomBytes(1 + random.nextInt(2048));
      case "truncated" -> {
        byte[] full = serializer.encode(requests.job(requests.nextId(), null));
        value = java.util.Arrays.copyOf(full, 1 + random.nextInt(full.length - 1));
      }
      case "wrong-fingerprint" -> {
        value = serializer.encode(requests.job(requests.nextId(), null));
        ByteBuffer.wrap(value, 2, 8).putLong(random.nextLong());
      }
      case "tombstone" -> value = null;
      case "empty-value" -> value = new byte[0];
      default -> {
        id = hostileId(kind);
        value = serializer.encode(decodable(kind, id));
      }
    }
    ledger.hostile(kind, id);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
    String ceId = id == null || id.isEmpty() ? key : id.substring(0, Math.min(id.length(), 200));
    CloudEventHeaders.write(r.headers(), CloudEventAttributes.of(EventKind.REQUEST, ceId, SOURCE, Instant.now(),
        null));
    r.headers().add(KIND_HEADER, kind.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    producer.send(r, (m, e) -> {
      if (e != null) {
        ledger.sendFailed();
      }
    });
  }

  private String hostileId(String kind) {
    String base = requests.nextId();
    return switch (kind) {
      case "oversize-id" -> base + "-" + "x".repeat(20_000);
      case "nul-bytes" -> base + "\u0000evil";
      case "lookalike-unicode" -> base.replace('a', '\u0430').replace('e', '\u0435') + "-\u0441haos";
      case "empty-fields" -> "";
      default -> base;
    };
  }

  private SandboxRequest decodable(String kind, String id) {
    Step cat = Step.newBuilder().setName("look").setArgv(List.of("cat", "/etc/hostname")).build();
    RunJob.Builder job = RunJob.newBuilder().setSpec(SandboxSpec.newBuilder().build()).setSteps(List.of(cat));
    switch (kind) {
      case "traversal-path" -> job.setArtifactPaths(List.of("../../etc/passwd")).setInputs(List.of(input(
          "../../../tmp/chaos-escape")));
      case "absolute-path" -> job.setArtifactPaths(List.of("/etc/passwd")).setInputs(List.of(input(
          "/etc/chaos-escape")));
      case "nul-bytes" -> job.setSpec(SandboxSpec.newBuilder().setLabels(Map.of("chaos", "a\u0000b")).build());
      case "lookalike-unicode" -> job.setSpec(SandboxSpec.newBuilder()
          .setLabels(Map.of("ch\u0430os", "v\u0430lue")).build());
      case "empty-fields" -> job.setSteps(List.of());
      default -> { }
    }
    SandboxRequest r = requests.envelope(id, job.build());
    if ("empty-fields".equals(kind)) {
      r.setTenant("");
      r.setPrincipal("");
    }
    return r;
  }

  private static Input input(String path) {
    return Input.newBuilder().setPath(path).setMode(420)
        .setSource(InlineContent.newBuilder().setData(ByteBuffer.wrap("x".getBytes())).build()).build();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Returns the probes' ids with their send times. */
  public Map<String, Long> probes() {
    return Map.copyOf(probes);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(TimeUnit.SECONDS.toSeconds(30)));
  }
}
