package dev.shellbus.loadtest.chaos;

import dev.shellbus.loadtest.DurationOption;
import dev.shellbus.loadtest.chaos.proc.Ports;
import dev.shellbus.loadtest.chaos.proc.ScenarioTopics;
import dev.shellbus.loadtest.chaos.proc.Stack;
import dev.shellbus.loadtest.chaos.proc.StackOptions;
import dev.shellbus.loadtest.chaos.scenario.ScenarioSpec;
import dev.shellbus.loadtest.kafka.RequestFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos suite's command line: starts the broker, the store and the dev gateway as processes of their own, runs the
 * named scenarios one after the other (each on fresh topics with its own workers), checks what each left behind and
 * writes {@code report.json} and {@code report.md} to {@code --out}. Exit code 0 when every hard check passed, 1 when
 * one failed, 2 on a usage or start-up error.
 */
@Command(name = "shellbus-chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Faults shellbus under load and checks that nothing is lost.")
public final class ChaosMain implements Callable<Integer> {

  @Option(names = "--scenarios", split = ",", defaultValue = "kill-workers,gateway-outage,hostile",
      description = "scenarios in order, NAME[:key=value;...] (names: ${COMPLETION-CANDIDATES}); "
          + "see also --scenario")
  List<String> scenarios;

  @Option(names = "--scenario", description = "one scenario with parameters, NAME:key=value,key=value (repeatable;"
      + " replaces --scenarios)")
  List<String> scenario;

  @Option(names = "--worker-flag", description = "an extra configuration flag of every worker, --key=value"
      + " (repeatable), e.g. --worker-flag=--kafka.consumer.static-membership=true")
  List<String> workerFlags = new java.util.ArrayList<>();

  @Option(names = "--out", description = "report directory (default chaos-reports/<time>)")
  Path out;

  @Option(names = "--work-dir", description = "data and logs of the processes (default <out>/work)")
  Path workDir;

  @Option(names = "--workers", defaultValue = "2", description = "worker processes")
  int workers;

  @Option(names = "--isolation", defaultValue = "auto",
      description = "dev gateway exec isolation: auto (bubblewrap when /usr/bin/bwrap works, else none), bubblewrap,"
          + " none (plain host processes), simulated (no process runs)")
  String isolation;

  @Option(names = "--reaper", negatable = true, defaultValue = "true", description = "run the reaper beside the workers")
  boolean reaper;

  @Option(names = "--base-port", defaultValue = "19300", description = "first of the fixed ports (needs base..base+10+workers)")
  int basePort;

  @Option(names = "--partitions", defaultValue = "6", description = "partitions of each scenario's topics")
  int partitions;

  @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice")
  long seed;

  @Option(names = "--rate", defaultValue = "4", description = "default: arrivals per second (every tenth a session)")
  String rate;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationOption.class,
      description = "default: how long kill-workers and gateway-delay run")
  Duration duration;

  @Option(names = "--kill-every", defaultValue = "8s", converter = DurationOption.class,
      description = "default: kill-workers kills a random worker this often")
  Duration killEvery;

  @Option(names = "--outage", defaultValue = "30s", converter = DurationOption.class,
      description = "default: how long broker, gateway or store stay down")
  Duration outage;

  @Option(names = "--before", defaultValue = "10s", converter = DurationOption.class,
      description = "default: traffic before an outage")
  Duration before;

  @Option(names = "--after", defaultValue = "10s", converter = DurationOption.class,
      description = "default: traffic after an outage")
  Duration after;

  @Option(names = "--delay-ms", defaultValue = "200", description = "default: gateway-delay's latency before every RPC")
  int delayMs;

  @Option(names = "--hostile", defaultValue = "1000", description = "default: hostile records of the hostile scenario")
  int hostile;

  @Option(names = "--secret-every", defaultValue = "7",
      description = "default: every Nth job carries a planted secret its second step prints (0: none)")
  int secretEvery;

  @Option(names = "--settle", defaultValue = "180s", converter = DurationOption.class,
      description = "default: how long to wait after the faults for every result")
  Duration settle;

  @Option(names = "--reaper-grace", defaultValue = "60s", converter = DurationOption.class,
      description = "default: how long to wait after settle for the reaper to remove left sandboxes")
  Duration reaperGrace;

  /** Runs the suite; returns the exit code. */
  public static int run(String... args) {
    return new CommandLine(new ChaosMain()).execute(args);
  }

  /** Runs the suite and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  @Override
  public Integer call() throws Exception {
    List<ScenarioSpec> specs = new ArrayList<>();
    Map<String, String> defaults = defaults();
    for (String s : scenario != null ? scenario : scenarios) {
      specs.add(ScenarioSpec.parse(s, defaults));
    }
    Path outDir = out != null ? out : Path.of("chaos-reports", Instant.now().toString().replace(':', '-'));
    Path work = workDir != null ? workDir : outDir.resolve("work");
    String iso = StackOptions.resolveIsolation(isolation);
    String runId = RequestFactory.randomRunId();
    StackOptions options = new StackOptions(work.toAbsolutePath(), new Ports(basePort), workers, iso, reaper,
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"), workerFlags);
    JsonObject run = new JsonObject().put("runId", runId).put("started", Instant.now().toString())
        .put("isolation", iso).put("workers", workers).put("reaper", reaper).put("basePort", basePort)
        .put("partitions", partitions).put("seed", seed)
        .put("machine", new JsonObject().put("processors", Runtime.getRuntime().availableProcessors())
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
            .put("java", System.getProperty("java.version")))
        .put("scenarioSpecs", new JsonArray(specs.stream().map(ScenarioSpec::toString).toList()));
    List<ScenarioRun.Outcome> outcomes = new ArrayList<>();
    try (Stack stack = new Stack(options)) {
      Thread hook = new Thread(stack::close, "chaos-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stack.startInfra();
        for (int i = 0; i < specs.size(); i++) {
          ScenarioSpec spec = specs.get(i);
          ScenarioTopics topics = ScenarioTopics.of(runId, i + 1, partitions);
          outcomes.add(ScenarioRun.run(stack, spec, topics, outDir.resolve((i + 1) + "-" + spec.name()),
              seed + i, reaper));
          ChaosReport.write(outDir, run, outcomes);
        }
      } finally {
        removeHook(hook);
      }
    }
    ChaosReport.write(outDir, run, outcomes);
    boolean passed = outcomes.stream().allMatch(o -> o.findings().passed());
    System.out.println("chaos " + (passed ? "PASSED" : "FAILED") + "; report in " + outDir.resolve("report.md"));
    outcomes.forEach(o -> System.out.println("  " + o.spec().name() + ": " + (o.findings().passed() ? "passed"
        : String.join("; ", o.findings().failures()))));
    return passed ? 0 : 1;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it stops the processes
    }
  }

  private Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("rate", rate);
    d.put("duration", duration.toSeconds() + "s");
    d.put("every", killEvery.toMillis() + "ms");
    d.put("outage", outage.toMillis() + "ms");
    d.put("before", before.toMillis() + "ms");
    d.put("after", after.toMillis() + "ms");
    d.put("delay-ms", Integer.toString(delayMs));
    d.put("hostile", Integer.toString(hostile));
    d.put("secret-every", Integer.toString(secretEvery));
    d.put("settle", settle.toSeconds() + "s");
    d.put("reaper-grace", reaperGrace.toSeconds() + "s");
    return d;
  }
}
