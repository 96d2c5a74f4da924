package dev.shellbus.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shellbus dev}: the whole system in one process on this machine. Each part is embedded
 * unless its address is given, in which case the real one is used.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything in one process: a KRaft broker, an S3-compatible server, the dev gateway and a worker.",
      "Give --kafka, --s3-endpoint or --gateway to use a real one instead of the embedded part."
    })
final class DevCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where embedded parts keep their data (default: $XDG_STATE_HOME/shellbus/dev, or ~/.local/state/shellbus/dev).")
  Path dataDir;

  @Option(names = "--kafka", description = "Bootstrap servers of a real Kafka cluster (skips the embedded broker).")
  Optional<String> kafka;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Port of the embedded broker; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--s3-endpoint", description = "Endpoint of a real S3-compatible store (skips the embedded server); credentials from SHELLBUS_STORE_ACCESS_KEY and SHELLBUS_STORE_SECRET_KEY.")
  Optional<URI> s3Endpoint;

  @Option(names = "--s3-port", defaultValue = "19000", description = "Port of the embedded S3 server; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(names = "--bucket", defaultValue = "shellbus", description = "Bucket for logs and artifacts (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(names = "--gateway", description = "Endpoint of a real OpenShell gateway (skips the dev gateway).")
  Optional<URI> gateway;

  @Option(names = "--gateway-port", defaultValue = "17670", description = "Port of the dev gateway; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Option(names = "--isolation", defaultValue = "bubblewrap", description = "Exec isolation of the dev gateway: bubblewrap, none or simulated (default: ${DEFAULT-VALUE}).")
  String isolation;

  @Option(names = "--management-port", defaultValue = "18080", description = "Worker health and metrics port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int managementPort;

  @Override
  public Integer call() throws Exception {
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDirectory());
    } catch (IllegalStateException | IOException e) {
      System.err.println("shellbus dev: cannot start: " + e.getMessage());
      return 1;
    }
    DevStack stack = new DevStack(settings());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean started = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      closeQuietly(lock);
      stopped.countDown();
      if (started.get()) {
        // Ctrl-C or SIGTERM, after the drain: a clean stop, so status 0 like the worker, not the JVM's 130 or 143.
        Runtime.getRuntime().halt(0); // without Logging.shutdown(), as WorkerMain: every console line is flushed
      }
    }, "shellbus-dev-shutdown"));
    try {
      stack.start();
    } catch (RuntimeException failed) {
      System.err.println("shellbus dev: cannot start: " + failed.getMessage());
      stack.close();
      closeQuietly(lock);
      return 1;
    }
    started.set(true);
    System.out.println(stack.banner());
    stopped.await();
    return 0;
  }

  private static void closeQuietly(DataDirLock lock) {
    try {
      lock.close();
    } catch (IOException | RuntimeException ignored) {
      // the process is ending; the operating system releases the lock anyway
    }
  }

  /** Returns the absolute data directory: {@code --data-dir}, else {@link DevDataDir#defaultDir()}. */
  Path dataDirectory() {
    return dataDir == null ? DevDataDir.defaultDir() : dataDir.toAbsolutePath();
  }

  private DevStack.Settings settings() {
    return new DevStack.Settings(
        dataDirectory(), kafka, kafkaPort, s3Endpoint, s3Port, bucket, gateway, gatewayPort, isolation, managementPort);
  }
}
