package dev.shellbus.loadtest;

import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Mix;
import dev.shellbus.loadtest.report.MachineInfo;
import dev.shellbus.loadtest.report.ReportJson;
import dev.shellbus.loadtest.report.ReportWriter;
import dev.shellbus.loadtest.report.TextSummary;
import dev.shellbus.loadtest.run.LoadGenerator;
import dev.shellbus.loadtest.run.RunResult;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.DeploymentOptions;
import dev.shellbus.loadtest.stack.Infra;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The load generator's command line: offers a request mix to shellbus over Kafka (open model with {@code --rate},
 * closed model with {@code --concurrency}), for {@code --count} arrivals or {@code --duration}, against the stack it
 * starts itself or against parts given by address, and writes a JSON report, a text summary, an HTML page and PNG
 * plots to {@code --out}. The exit code is 0 when every arrival got its results (failures included), 1 when some
 * never did, 2 on a usage or start-up error.
 */
@Command(name = "shellbus-loadtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Offers load to shellbus over Kafka and reports what a platform sees.")
public final class LoadtestMain implements Callable<Integer> {

  @Option(names = "--rate", description = "open model: arrivals per second (latency counted from the schedule)")
  Double rate;

  @Option(names = "--poisson", description = "open model: exponential gaps instead of uniform ones")
  boolean poisson;

  @Option(names = "--concurrency", description = "closed model: virtual users, each waiting for its last arrival")
  Integer concurrency;

  @Option(names = "--count", defaultValue = "0", description = "arrivals to start (0: bounded by --duration)")
  long count;

  @Option(names = "--duration", defaultValue = "0s",
      description = "how long to start arrivals, e.g. 30s, 5m", converter = DurationOption.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "0s",
      description = "arrivals in this first period run but are not counted", converter = DurationOption.class)
  Duration warmup;

  @Option(names = "--mix", defaultValue = "job", description = "request mix, e.g. job=70,session/5=20,artifact/1MiB=10")
  String mix;

  @Option(names = "--timeout", defaultValue = "5m",
      description = "each request's deadline; no result by then (plus 10 s) counts as NO_RESULT",
      converter = DurationOption.class)
  Duration timeout;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the mix draw and Poisson gaps")
  long seed;

  @Option(names = "--out", description = "report directory; default loadtest-reports/<time>")
  Path out;

  @Option(names = "--target", defaultValue = "embedded", description = "embedded: start what is not given by"
      + " address plus a worker; external: start nothing (needs --bootstrap; a worker must consume the topics)")
  String target;

  @Mixin
  StackFlags stack = new StackFlags();

  /** Runs the command line. */
  public static void main(String[] args) {
    Logging.configure();
    System.exit(new CommandLine(new LoadtestMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoadPlan plan = plan();
    Path dir = out != null ? out : Path.of("loadtest-reports",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    boolean external = "external".equalsIgnoreCase(target);
    if (external && stack.bootstrap == null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--target=external needs --bootstrap");
    }
    if (external) {
      stack.worker = DeploymentOptions.WorkerMode.NONE;
    }
    DeploymentOptions options = stack.deployment("lt-" + RequestFactory.randomRunId() + ".");
    try (Infra infra = Infra.start(stack.bootstrap(), stack.store(), stack.workDir());
        Deployment deployment = Deployment.start(infra, options)) {
      RunResult result = new LoadGenerator(infra.bootstrap(), deployment.topics(), stack.kafkaProperties())
          .run(plan);
      JsonObject report = ReportJson.of(result, MachineInfo.collect());
      report.put("stack", new JsonObject().put("target", external ? "external" : "embedded")
          .put("bootstrap", infra.bootstrap()).put("gateway", String.valueOf(deployment.gatewayEndpoint()))
          .put("isolation", options.isolation().name()).put("worker", options.worker().name())
          .put("maxInFlight", options.maxInFlight()).put("topics", deployment.topics().requests()));
      ReportWriter.write(dir, report);
      System.out.println(TextSummary.render(report));
      System.out.println("report: " + dir.toAbsolutePath().resolve("report.html"));
      return result.complete() ? 0 : 1;
    }
  }

  private LoadPlan plan() {
    if ((rate == null) == (concurrency == null)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "give exactly one of --rate and --concurrency");
    }
    LoadPlan plan = rate != null ? LoadPlan.open(rate, count, duration, Mix.parse(mix))
        : LoadPlan.closed(concurrency, count, duration, Mix.parse(mix));
    return plan.withWarmup(warmup).withRequestTimeout(timeout).withArrivals(poisson, seed);
  }
}
