package dev.shellbus.loadtest.stack;

import dev.shellbus.worker.Worker;
import dev.shellbus.worker.config.WorkerConfig;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The main of a worker JVM forked by {@link ForkedWorker}: reads its settings ({@code key=value} lines, then an empty
 * line) from stdin, so that no secret appears on a command line, starts a {@link Worker} and answers commands on
 * stdin with {@code @}-lines on stdout: {@code sample} and {@code gc} ({@code @sample heapUsed heapAfterGc cpuNanos
 * uptimeNanos}), {@code stop} (drains, {@code @stopped}, exits). End of stdin (the parent died) stops it too.
 */
public final class ForkedWorkerMain {

  private ForkedWorkerMain() {}

  /** Runs the forked worker. */
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      int eq = line.indexOf('=');
      settings.put(line.substring(0, eq), line.substring(eq + 1));
    }
    Vertx vertx = Vertx.vertx();
    Worker worker;
    try {
      worker = Worker.start(vertx, config(settings)).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("@failed " + e.toString().replace('\n', ' '));
      System.out.flush();
      vertx.close();
      System.exit(2);
      return;
    }
    System.out.println("@ready " + worker.workerId());
    System.out.flush();
    serve(in, worker);
    worker.drain().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("@stopped");
    System.out.flush();
    System.exit(0);
  }

  private static void serve(BufferedReader in, Worker worker) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.trim()) {
        case "sample":
          System.out.println(WorkerSample.ofThisJvm(false).toLine());
          break;
        case "gc":
          System.out.println(WorkerSample.ofThisJvm(true).toLine());
          break;
        case "stop":
          return;
        default:
          System.out.println("@error unknown command " + line);
      }
      System.out.flush();
    }
  }

  /** Builds the worker configuration from {@code key=value} settings (raw values, as flags would give them). */
  static WorkerConfig config(Map<String, String> settings) {
    WorkerConfig.Builder builder = WorkerConfig.builder();
    settings.forEach(builder::set);
    return builder.build();
  }
}
