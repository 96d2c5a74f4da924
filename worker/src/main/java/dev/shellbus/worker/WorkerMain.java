package dev.shellbus.worker;

import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.worker.config.ConfigException;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.config.WorkerUsage;
import dev.shellbus.worker.logging.Logging;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's own {@code main} for production images: {@code java -cp ... dev.shellbus.worker.WorkerMain --config
 * /etc/shellbus/worker.yaml [--key=value ...]}.
 *
 * <p>It loads the configuration (exit 2 when it is invalid, naming the key), configures logging, builds Vert.x with
 * Micrometer metrics (Vert.x and JVM meters on {@code /metrics}), starts the {@link Worker} (exit 1 with one line
 * naming what failed when Kafka, the gateway or the store does not answer within {@code worker.start-timeout})
 * and drains it on SIGTERM or SIGINT: the shutdown hook waits for the drain and then ends the process with status 0
 * (1 when the drain failed). A consumer that dies on a fatal error ends the process with status 1.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /** Runs the worker until it is told to stop. */
  public static void main(String[] args) {
    if (WorkerUsage.asked(args)) {
      System.out.print(WorkerUsage.render("shellbus worker"));
      return;
    }
    WorkerConfig config;
    try {
      config = WorkerConfig.load(args);
    } catch (ConfigException e) {
      System.err.println("shellbus worker: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.logLevel());
    Logger log = LoggerFactory.getLogger(WorkerMain.class);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    Worker worker;
    try {
      worker = Worker.start(vertx, config, registry).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("shellbus worker: failed to start: " + describe(cause));
      if (!(cause instanceof ShellbusException)) {
        log.error("shellbus worker failed to start", cause);
      }
      exit(vertx, 1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drainAndHalt(worker, vertx, log), "shellbus-drain"));
    worker.terminated().onFailure(e -> {
      log.error("The request consumer failed; exiting", e);
      exit(vertx, 1);
    });
  }

  private static void drainAndHalt(Worker worker, Vertx vertx, Logger log) {
    int status = 0;
    try {
      log.info("Shutdown signal: draining worker {}", worker.workerId());
      long limit = worker.config().drainGrace().plus(worker.config().engine().cleanupGrace()).toSeconds() + 60;
      worker.drain().toCompletionStage().toCompletableFuture().get(limit, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      log.info("Worker {} drained; exiting", worker.workerId());
    } catch (Exception e) {
      log.error("Drain failed", e);
      status = 1;
    }
    // No Logging.shutdown() here: a thread still ending (the poll thread) would log into a stopped context, and
    // log4j would fall back to its default configuration with two warnings. The console appender flushes each line.
    Runtime.getRuntime().halt(status);
  }

  /** Closes Vert.x, stops logging and exits with {@code status}; shared with {@link ReaperMain}. */
  /**
   * One line for a start failure: the message of the innermost cause that has one, else the innermost cause's type
   * (a Kafka timeout may carry no message); for the console, so never a stack trace.
   */
  static String describe(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t instanceof ExecutionException); depth++) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getName() + " (no message)";
  }

  static void exit(Vertx vertx, int status) {
    vertx.close().onComplete(ar -> {
      Logging.shutdown();
      System.exit(status);
    });
  }
}
