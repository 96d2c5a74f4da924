package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.loadtest.run.LoadGenerator;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.DeploymentOptions;
import dev.shellbus.loadtest.stack.Infra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What every benchmark shares: the Kafka cluster and store, the repeat count, the quick switch, where profiles go,
 * and how to set up a deployment whose worker runs in a JVM of its own.
 */
final class BenchContext {

  final Infra infra;
  final int repeats;
  final boolean quick;
  /** How long a benchmark runs requests through a fresh worker (and directly) before it measures anything. */
  final Duration warmup;
  final boolean profile;
  final Path out;
  final List<String> workerJvm;
  final Map<String, String> workerSettings;
  private final String runId = RequestFactory.randomRunId();
  private int deployments;

  BenchContext(Infra infra, int repeats, boolean quick, Duration warmup, boolean profile, Path out,
      List<String> workerJvm, Map<String, String> workerSettings) {
    this.infra = infra;
    this.repeats = repeats;
    this.quick = quick;
    this.warmup = warmup;
    this.profile = profile;
    this.out = out;
    this.workerJvm = List.copyOf(workerJvm);
    this.workerSettings = Map.copyOf(workerSettings);
  }

  /**
   * Starts a dev gateway and a forked worker on fresh topics. {@code heap} is the worker's {@code -Xmx}; with
   * profiling on, the worker JVM records a flight recording into {@code <work dir>/profiles/<name>.jfr}.
   */
  Deployment deploy(String name, String heap, UnaryOperator<DeploymentOptions> tune) throws Exception {
    String prefix = "bench-" + runId + "-" + (++deployments) + ".";
    List<String> jvm = new ArrayList<>(workerJvm);
    jvm.add("-Xmx" + heap);
    if (profile) {
      Path dir = infra.workDir().resolve("profiles");
      Files.createDirectories(dir);
      Path jfr = dir.resolve(name + ".jfr");
      jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    }
    DeploymentOptions options = tune.apply(DeploymentOptions.defaults(prefix)
        .withWorker(DeploymentOptions.WorkerMode.FORK, 256, jvm).withWorkerSettings(workerSettings));
    return Deployment.start(infra, options);
  }

  /** A generator on the deployment's topics. */
  LoadGenerator generator(Deployment deployment) {
    return new LoadGenerator(infra.bootstrap(), deployment.topics(), Map.of());
  }

  /** The flight recording of the last deployment named {@code name}, if profiling (in the work directory). */
  Path recording(String name) {
    return infra.workDir().resolve("profiles").resolve(name + ".jfr");
  }

  /** A scratch directory on the same disk as the store. */
  Path scratch(String name) throws IOException {
    Path dir = infra.workDir().resolve("scratch-" + name);
    Files.createDirectories(dir);
    return dir;
  }

  /** {@code full} normally, {@code quick} with {@code --quick}. */
  int pick(int full, int quickValue) {
    return quick ? quickValue : full;
  }
}
