package dev.shellbus.cli;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.devkit.kafka.EmbeddedKafka;
import dev.shellbus.devkit.s3.EmbeddedS3;
import dev.shellbus.worker.ReaperMain;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.reaper.Reaper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.shellbus.worker.config.WorkerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of {@code shellbus dev} in one process: an embedded broker, S3 server and dev gateway
 * unless real addresses are given. Parts start in dependency order and stop in reverse order;
 * {@link #close()} is safe after a partial start.
 */
final class DevStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  /** What to start and where; an address given means "use that one, start nothing". */
  record Settings(
      Path dataDir,
      Optional<String> kafka,
      int kafkaPort,
      Optional<URI> s3Endpoint,
      int s3Port,
      String bucket,
      Optional<URI> gateway,
      int gatewayPort,
      String isolation,
      int managementPort) {}

  private final Settings settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Vertx vertx;
  private String kafkaAddress;
  private URI s3Address;
  private String gatewayAddress;
  private Worker worker;
  private Reaper reaper;
  private java.time.Duration reaperInterval;
  private EmbeddedS3 s3;

  DevStack(Settings settings) {
    this.settings = settings;
  }

  /** Starts every part that has no external address. */
  synchronized void start() {
    vertx = Vertx.vertx();
    started.push(() -> vertx.close().await(10, TimeUnit.SECONDS));
    kafkaAddress = settings.kafka().orElseGet(this::startKafka);
    s3Address = settings.s3Endpoint().orElseGet(this::startS3);
    gatewayAddress = settings.gateway().map(URI::toString).orElseGet(this::startGateway);
    worker = startWorker();
  }

  private Worker startWorker() {
    WorkerConfig config = workerConfig();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Worker running = await(Worker.start(vertx, config, registry), 60);
    started.push(() -> await(running.drain(), 120));
    // The reaper stops first (its passes end before the worker drains) and shares the worker's /metrics.
    reaper = await(ReaperMain.start(vertx, config, registry, false), 60);
    reaperInterval = config.reaper().interval();
    started.push(() -> await(reaper.stop(), 30));
    return running;
  }

  private WorkerConfig workerConfig() {
    WorkerConfig.Builder config = WorkerConfig.builder()
        .systemEnv()
        .workerId("dev-1")
        .kafkaBootstrapServers(kafkaAddress)
        .gatewayEndpoint(gatewayAddress)
        .managementPort(settings.managementPort());
    if (settings.s3Endpoint().isEmpty()) {
      config.store(s3Address.toString(), settings.bucket(), s3.accessKey(), s3.secretKey());
    } else {
      // A real store: credentials come from SHELLBUS_STORE_ACCESS_KEY / SHELLBUS_STORE_SECRET_KEY.
      config.set("store.endpoint", s3Address.toString()).set("store.bucket", settings.bucket());
    }
    return config.build();
  }

  private String startKafka() {
    EmbeddedKafka kafka = EmbeddedKafka.builder(settings.dataDir().resolve("kafka"))
        .brokerPort(settings.kafkaPort())
        .defaultPartitions(6)
        .build()
        .start();
    started.push(kafka);
    return kafka.bootstrapServers();
  }

  private URI startS3() {
    EmbeddedS3 s3 = EmbeddedS3.builder()
        .directory(settings.dataDir().resolve("s3"))
        .port(settings.s3Port())
        .bucket(settings.bucket())
        .build()
        .start();
    started.push(s3);
    this.s3 = s3;
    return s3.endpoint();
  }

  private String startGateway() {
    Isolation isolation = Isolation.valueOf(settings.isolation().toUpperCase(Locale.ROOT)).check();
    DevGatewayOptions options = DevGatewayOptions.builder()
        .port(settings.gatewayPort())
        .dataDir(settings.dataDir().resolve("gateway"))
        .exec(ExecOptions.builder().isolation(isolation).build())
        .build();
    DevGateway gateway = await(DevGateway.start(vertx, options), 30);
    started.push(() -> gateway.stop().await(10, TimeUnit.SECONDS));
    return gateway.endpoint();
  }

  /** Waits for a start-up or shutdown step; a step that takes longer than {@code seconds} is a failure. */
  static <T> T await(Future<T> step, int seconds) {
    try {
      return step.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException slow) {
      throw new IllegalStateException("gave up after " + seconds + " s", slow);
    }
  }

  /** What is running where, and what to try next. */
  synchronized String banner() {
    return String.join("\n",
        "shellbus dev is up",
        "  kafka     " + kafkaAddress + (settings.kafka().isPresent() ? "  (external)" : "  (embedded KRaft broker)"),
        "  s3        " + s3Address + "  bucket " + settings.bucket()
            + (settings.s3Endpoint().isPresent() ? "  (external)" : "  (embedded s3proxy; access key shellbus)"),
        "  gateway   " + gatewayAddress + (settings.gateway().isPresent() ? "  (external)" : "  (dev gateway, isolation " + settings.isolation() + ")"),
        "  worker    " + worker.workerId() + "  management http://127.0.0.1:" + worker.managementPort()
            + "  (/health/ready, /metrics)",
        "  reaper    every " + reaperInterval.toSeconds() + " s"
            + "  (idle sessions, kept and leftover sandboxes; receipts in lifecycle and audit)",
        "  data      " + settings.dataDir(),
        "",
        "Try:",
        "  ./shellbus submit examples/hello.yaml --follow      # a job: create, exec, delete; prints the result",
        "  ./shellbus submit examples/ci-job.yaml --follow     # inputs, three steps, artifacts with digests",
        "  ./shellbus tail lifecycle                           # every transition, live",
        "",
        "Stop with Ctrl-C (the worker drains first).");
  }

  String kafkaAddress() {
    return kafkaAddress;
  }

  URI s3Address() {
    return s3Address;
  }

  String gatewayAddress() {
    return gatewayAddress;
  }

  Worker worker() {
    return worker;
  }

  /** Stops what was started, last first; failures are logged and do not stop the rest. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception failed) {
        LOG.warn("stopping a part of shellbus dev failed: {}", failed.toString());
      }
    }
  }
}
