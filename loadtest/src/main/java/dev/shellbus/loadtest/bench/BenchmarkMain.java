package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.Logging;
import dev.shellbus.loadtest.plan.Sizes;
import dev.shellbus.loadtest.report.MachineInfo;
import dev.shellbus.loadtest.stack.Infra;
import dev.shellbus.worker.config.Durations;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The benchmark runner: in one process run, starts an embedded broker and S3 server, then for each benchmark a dev
 * gateway and a worker in a JVM of its own, measures each pair side by side (repeated, medians), prints the ratios
 * and the targets, and writes {@code benchmarks.json}, {@code summary.md}, {@code index.html} and PNG charts. With
 * {@code --profile} every worker JVM records a flight recording, summarised in the report.
 */
@Command(name = "shellbus-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the five shellbus benchmarks side by side with their baselines.")
public final class BenchmarkMain implements Callable<Integer> {

  @Option(names = "--only", split = ",", defaultValue = "1,2,3,4,5", description = "benchmarks to run: 1 overhead,"
      + " 2 throughput, 3 sessions, 4 artifact, 5 round trip")
  List<Integer> only;

  @Option(names = "--repeats", defaultValue = "3", description = "repeats of each measurement (medians reported)")
  int repeats;

  @Option(names = "--quick", description = "small sizes and short steps (a smoke of the runner, not figures)")
  boolean quick;

  @Option(names = "--warmup", defaultValue = "60s", description = "how long each worker runs its benchmark's"
      + " requests before anything is measured, so that the JIT has compiled the hot path (10s with --quick)")
  String warmup;

  @Option(names = "--profile", description = "record JFR in each worker JVM and summarise where its CPU went")
  boolean profile;

  @Option(names = "--out", defaultValue = "benchmark-results", description = "where the results go")
  Path out;

  @Option(names = "--artifact-size", defaultValue = "2GiB", description = "size of the artifact benchmark")
  String artifactSize;

  @Option(names = "--sessions", defaultValue = "10000", description = "open sessions at the last step")
  int sessions;

  @Option(names = "--worker-jvm", split = " ", defaultValue = "-XX:+UseG1GC",
      description = "extra options of the worker JVMs (each benchmark sets -Xmx)")
  List<String> workerJvm;

  @Option(names = "--worker-set", paramLabel = "KEY=VALUE", description = "a worker setting for every benchmark"
      + " (repeatable); engine.log-objects is when-truncated unless set here, because the direct baseline stores no"
      + " logs: --worker-set engine.log-objects=always measures the worker's default")
  Map<String, String> workerSet = new LinkedHashMap<>();

  @Option(names = "--work-dir", defaultValue = ".shellbus/bench", description = "data of the embedded parts")
  Path workDir;

  /** Runs the benchmarks. */
  public static void main(String[] args) {
    Logging.configure();
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  private Duration warmupTime() {
    Duration d = Durations.require(warmup);
    return quick && d.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : d;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> worker = new LinkedHashMap<>();
    worker.put("engine.log-objects", "when-truncated");
    worker.putAll(workerSet);
    JsonObject run = new JsonObject().put("startedAt", Instant.now().toString()).put("repeats", repeats)
        .put("quick", quick).put("warmup", warmupTime().toString()).put("machine", MachineInfo.collect())
        .put("workerSettings", new JsonObject(new LinkedHashMap<String, Object>(worker)));
    List<BenchResult> results = new ArrayList<>();
    long artifactBytes = quick ? Math.min(Sizes.parse(artifactSize), 256L << 20) : Sizes.parse(artifactSize);
    int maxSessions = quick ? Math.min(sessions, 1000) : sessions;
    try (Infra infra = Infra.start(Optional.empty(), Optional.empty(), workDir)) {
      BenchContext ctx = new BenchContext(infra, repeats, quick, warmupTime(), profile, out, workerJvm,
          worker);
      for (int id : only) {
        String load = MachineInfo.loadAverage();
        BenchResult result;
        String recording;
        try {
          switch (id) {
            case 1 -> { result = OverheadBench.run(ctx); recording = "overhead"; }
            case 2 -> { result = ThroughputBench.run(ctx); recording = "throughput"; }
            case 3 -> { result = SessionsBench.run(ctx, maxSessions); recording = "sessions-" + repeats; }
            case 4 -> { result = ArtifactBench.run(ctx, artifactBytes); recording = "artifact"; }
            case 5 -> { result = RoundTripBench.run(ctx); recording = "roundtrip"; }
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "no benchmark " + id);
          }
        } catch (CommandLine.ParameterException e) {
          throw e;
        } catch (Exception e) {
          result = new BenchResult("bench" + id, "benchmark " + id);
          result.details.put("error", e.toString());
          recording = null;
          e.printStackTrace();
        }
        result.details.put("loadAverage", load + " / " + MachineInfo.loadAverage());
        if (profile && recording != null && Files.exists(ctx.recording(recording))) {
          result.profile = JfrSummary.summarize(ctx.recording(recording));
          Files.createDirectories(out.resolve("profiles"));
          Files.writeString(out.resolve("profiles").resolve(recording + ".txt"), result.profile);
        }
        results.add(result);
        print(result);
        BenchReport.write(out, run, results);
      }
    }
    System.out.println(BenchReport.markdown(run, results));
    System.out.println("results: " + out.toAbsolutePath().resolve("index.html"));
    return 0;
  }

  private static void print(BenchResult r) {
    System.out.println("\n== " + r.title + "  [load " + r.details.getString("loadAverage") + "]");
    for (Pair p : r.pairs) {
      System.out.printf("  %-48s %s | %s | %s = %s%n", p.title(), p.baseline().describe(), p.shellbus().describe(),
          p.ratioName(), Figure.fmt(p.ratio()));
    }
    for (Target t : r.targets) {
      System.out.printf("  target: %-56s %s %s (%s) %s%n", t.what(), Figure.fmt(t.value()), t.unit(),
          t.describeBound(), t.met() ? "met" : "MISSED");
    }
    if (r.details.containsKey("error")) {
      System.out.println("  FAILED: " + r.details.getString("error"));
    }
  }
}
