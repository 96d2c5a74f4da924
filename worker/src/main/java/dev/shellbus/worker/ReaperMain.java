package dev.shellbus.worker;

import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.worker.config.ConfigException;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.config.WorkerUsage;
import dev.shellbus.worker.http.ManagementServer;
import dev.shellbus.worker.http.Readiness;
import dev.shellbus.worker.kafka.KafkaEventPublisher;
import dev.shellbus.worker.kafka.PublisherOptions;
import dev.shellbus.worker.kafka.TopicInitializer;
import dev.shellbus.worker.logging.Logging;
import dev.shellbus.worker.reaper.PassReport;
import dev.shellbus.worker.reaper.Reaper;
import dev.shellbus.worker.reaper.Verdict;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code shellbus reaper}: the reconciler as a process. It reads the worker's configuration file (the
 * {@code reaper.*} keys, and {@code kafka.*}, {@code gateway.*}, {@code store.*} and {@code management.host} it
 * shares with the workers), then either runs until SIGTERM, reaping while it holds the lease, or with {@code --once}
 * runs one pass, prints one line per verdict and exits ({@code --once --dry-run} lists what would be reaped).
 *
 * <p>Exit status: 0 done, 1 a part did not answer or the pass failed, 2 invalid configuration or flags.
 */
public final class ReaperMain {

  private ReaperMain() {}

  /** Runs the reaper. */
  public static void main(String[] args) {
    if (WorkerUsage.asked(args)) {
      System.out.print(usage());
      return;
    }
    boolean once = Arrays.asList(args).contains("--once");
    WorkerConfig config;
    try {
      config = WorkerConfig.load(configArgs(args));
    } catch (ConfigException e) {
      System.err.println("shellbus reaper: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (once) {
      Logging.configureTool(config.logLevel());
    } else {
      Logging.configure(config.logFormat(), config.logLevel());
    }
    Logger log = LoggerFactory.getLogger(ReaperMain.class);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.vertx();
    Reaper reaper;
    try {
      reaper = await(start(vertx, config, registry, !once));
    } catch (Exception e) {
      System.err.println("shellbus reaper: failed to start: " + WorkerMain.describe(e));
      if (!(e instanceof ShellbusException)) {
        log.error("shellbus reaper failed to start", e);
      }
      WorkerMain.exit(vertx, 1);
      return;
    }
    if (once) {
      WorkerMain.exit(vertx, runOnce(reaper, config, System.out));
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        await(reaper.stop());
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Reaper stop failed: {}", e.getMessage());
      }
      Runtime.getRuntime().halt(0);
    }, "shellbus-reaper-stop"));
  }

  /**
   * Ensures the topics, connects to the gateway, the store and Kafka, and starts a reaper; with {@code serve}, also
   * its management port ({@code reaper.management-port}: {@code /health/live}, {@code /health/ready},
   * {@code /metrics}).
   */
  public static Future<Reaper> start(Vertx vertx, WorkerConfig config, PrometheusMeterRegistry registry,
      boolean serve) {
    String id = "reaper-" + config.workerId();
    TopicInitializer topics = new TopicInitializer(vertx, Wiring.topics(config));
    Future<?> ready = config.kafka().createTopics()
        ? topics.ensureTopics().compose(v -> topics.ensureSinglePartition(config.reaper().leaseTopic()))
        : Future.succeededFuture();
    return ready.compose(v -> Wiring.gatewayConnection(vertx, config.gateway()))
        .compose(connection -> Wiring.gateway(vertx, connection, Wiring.tokens(vertx, config.gateway())))
        .compose(gateway -> {
          S3ObjectStore s3 = S3ObjectStore.create(vertx, Wiring.s3(config.store()));
          KafkaEventPublisher publisher = KafkaEventPublisher.create(vertx, new PublisherOptions(
              config.kafka().bootstrapServers(), "shellbus-" + id, config.kafka().deliveryTimeout(),
              config.kafka().clientProperties()));
          Supplier<Future<Void>> close = () -> publisher.close(Duration.ofSeconds(10))
              .eventually(gateway::close).eventually(() -> vertx.executeBlocking(() -> {
                s3.close();
                return null;
              }, false)).mapEmpty();
          Reaper reaper = Reaper.start(vertx, config.reaper(),
              parts(config, id, gateway, Optional.of(s3), publisher, close), registry);
          if (!serve || !config.management().enabled()) {
            return Future.succeededFuture(reaper);
          }
          Readiness readiness = new Readiness();
          readiness.gateway(true, "connected");
          readiness.kafka(true, "connected");
          readiness.phase(Readiness.Phase.RUNNING);
          return new ManagementServer(vertx, readiness, registry)
              .start(config.management().host(), config.reaper().managementPort())
              .map(port -> {
                LoggerFactory.getLogger(ReaperMain.class).info("Reaper management on port {}", port);
                return reaper;
              });
        });
  }

  private static Reaper.Parts parts(WorkerConfig config, String id, GatewayClient gateway,
      Optional<ObjectStore> store, KafkaEventPublisher publisher, Supplier<Future<Void>> close) {
    return new Reaper.Parts(id, Worker.version(), gateway, store, publisher, config.kafka().topics(),
        config.kafka().bootstrapServers(), config.kafka().clientProperties(), config.gateway().workspace(),
        config.store().bucket(), config.store().prefix(), close);
  }

  /** One pass: wait for the view (and, unless dry run, the lease), print each verdict, return the exit status. */
  static int runOnce(Reaper reaper, WorkerConfig config, PrintStream out) {
    try {
      Duration wait = config.reaper().leaseTimeout().multipliedBy(3).plus(Duration.ofSeconds(30));
      if (!reaper.awaitView(wait)) {
        System.err.println("shellbus reaper: Kafka was not read up to its end within " + wait);
        return 1;
      }
      if (!config.reaper().dryRun() && !awaitLease(reaper, wait)) {
        System.err.println("shellbus reaper: another reaper holds the lease; use --dry-run to list");
        return 1;
      }
      PassReport report = await(reaper.passNow());
      for (Verdict v : report.verdicts()) {
        out.println(v.rule().label() + "\t" + v.sandbox().handle().name() + "\t" + v.age().toSeconds() + "s\t"
            + v.reason());
      }
      System.err.println("shellbus reaper: " + report.seen() + " sandboxes, " + report.verdicts().size()
          + (report.dryRun() ? " would be reaped (dry run)" : " to reap, " + report.reaped() + " reaped, "
          + report.failed() + " failed"));
      await(reaper.stop());
      return report.failed() == 0 ? 0 : 1;
    } catch (Exception e) {
      System.err.println("shellbus reaper: pass failed: " + e.getMessage());
      return 1;
    }
  }

  private static boolean awaitLease(Reaper reaper, Duration wait) throws InterruptedException {
    long until = System.nanoTime() + wait.toNanos();
    while (!reaper.active()) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** The arguments for the config loader: {@code --dry-run} becomes {@code --reaper.dry-run=true}, {@code --once} goes. */
  static String[] configArgs(String[] args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--dry-run")) {
        out.add("--reaper.dry-run=true");
      } else if (!a.equals("--once")) {
        out.add(a);
      }
    }
    return out.toArray(String[]::new);
  }

  static String usage() {
    return "Usage: shellbus reaper [--config FILE] [--dry-run] [--once] [--key=value ...]\n\n"
        + "Deletes shellbus sandboxes that outlived their purpose and publishes a receipt for each.\n"
        + "  --config FILE  the worker's configuration file (reaper.*, kafka.*, gateway.*, store.* keys)\n"
        + "  --dry-run      list what would be reaped, delete nothing (reaper.dry-run)\n"
        + "  --once         run one pass, print one line per verdict (rule, sandbox, age, reason), exit\n"
        + "  --key=value    any configuration key; see `shellbus worker --help` for the full list\n";
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
