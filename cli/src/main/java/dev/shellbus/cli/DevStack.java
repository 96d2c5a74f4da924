package dev.shellbus.cli;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.devkit.kafka.EmbeddedKafka;
import dev.shellbus.devkit.s3.EmbeddedS3;
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
      String isolation) {}

  private final Settings settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Vertx vertx;
  private String kafkaAddress;
  private URI s3Address;
  private String gatewayAddress;

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
        "  data      " + settings.dataDir(),
        "",
        "Stop with Ctrl-C.");
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
