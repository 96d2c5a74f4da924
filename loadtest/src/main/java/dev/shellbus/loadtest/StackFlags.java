package dev.shellbus.loadtest;

import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.loadtest.stack.DeploymentOptions;
import dev.shellbus.loadtest.stack.S3Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags that say what to run against: parts given by address, or started here (the embedded stack).
 * Shared by {@link LoadtestMain} and the benchmark runner.
 */
public final class StackFlags {

  @Option(names = "--bootstrap", description = "Kafka bootstrap servers; default: start an embedded broker")
  String bootstrap;

  @Option(names = "--gateway", description = "gateway URL for the started worker; default: start the dev gateway")
  String gateway;

  @Option(names = "--s3-endpoint", description = "S3 endpoint for the started worker; default: start an embedded"
      + " one. The secret key comes from env SHELLBUS_STORE_SECRET_KEY, as for the worker.")
  URI s3Endpoint;

  @Option(names = "--s3-bucket", defaultValue = "shellbus", description = "bucket at --s3-endpoint")
  String s3Bucket;

  @Option(names = "--s3-access-key", defaultValue = "", description = "access key at --s3-endpoint")
  String s3AccessKey;

  @Option(names = "--isolation", defaultValue = "SIMULATED", description = "dev gateway exec mode: ${COMPLETION-"
      + "CANDIDATES} (simulated runs nothing; bubblewrap runs real sandboxed processes)")
  Isolation isolation;

  @Option(names = "--ready-delay", defaultValue = "250ms",
      description = "dev gateway: PROVISIONING to READY", converter = DurationOption.class)
  Duration readyDelay;

  @Option(names = "--delete-delay", defaultValue = "100ms",
      description = "dev gateway: DELETING to gone", converter = DurationOption.class)
  Duration deleteDelay;

  @Option(names = "--sim-exec", defaultValue = "0ms",
      description = "dev gateway: how long a simulated exec takes", converter = DurationOption.class)
  Duration simulatedExec;

  @Option(names = "--worker", defaultValue = "IN_PROCESS", description = "where the worker runs: ${COMPLETION-"
      + "CANDIDATES} (NONE: a worker already consumes the topics)")
  DeploymentOptions.WorkerMode worker;

  @Option(names = "--worker-jvm", split = " ", defaultValue = "-Xmx1g",
      description = "JVM options of a forked worker, space-separated")
  List<String> workerJvm;

  @Option(names = "--max-in-flight", defaultValue = "256", description = "the worker's concurrency limit")
  int maxInFlight;

  @Option(names = "--partitions", defaultValue = "6", description = "partitions of the topics the worker creates")
  int partitions;

  @Option(names = "--topic-prefix", description = "topic prefix; default: none with --worker=NONE, else a fresh one")
  String topicPrefix;

  @Option(names = "--work-dir", defaultValue = ".shellbus/loadtest", description = "data of embedded parts")
  Path workDir;

  @Option(names = "--kafka-property", description = "extra Kafka client property KEY=VALUE (repeatable)")
  Map<String, String> kafkaProperties = new HashMap<>();

  /** The external bootstrap servers, if given. */
  public Optional<String> bootstrap() {
    return Optional.ofNullable(bootstrap);
  }

  /** The external store, if given. */
  public Optional<S3Target> store() {
    if (s3Endpoint == null) {
      return Optional.empty();
    }
    String secret = System.getenv().getOrDefault("SHELLBUS_STORE_SECRET_KEY", "");
    return Optional.of(new S3Target(s3Endpoint, s3Bucket, s3AccessKey, secret));
  }

  /** The deployment these flags describe, with {@code prefix} unless one was given. */
  public DeploymentOptions deployment(String prefix) {
    String p = topicPrefix != null ? topicPrefix : worker == DeploymentOptions.WorkerMode.NONE ? "" : prefix;
    return DeploymentOptions.defaults(p).withGateway(Optional.ofNullable(gateway))
        .withGatewayTiming(readyDelay, deleteDelay).withExec(isolation, simulatedExec)
        .withWorker(worker, maxInFlight, workerJvm).withPartitions(partitions);
  }

  /** Extra Kafka client properties. */
  public Map<String, Object> kafkaProperties() {
    return Map.copyOf(kafkaProperties);
  }

  /** The working directory of embedded parts. */
  public Path workDir() {
    return workDir;
  }
}
