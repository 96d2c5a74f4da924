package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.report.Chart;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.WorkerHandle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 3. Sessions: open sessions held by one worker (its own JVM, {@code -Xmx2g} so the heap is free to grow) against the
 * simulated dev gateway, in steps up to 10,000, with the worker's heap after a full GC at each step. Each repeat uses
 * a fresh worker. The pair is the heap with no session next to the heap with the most.
 */
final class SessionsBench {

  private static final Logger LOG = LoggerFactory.getLogger(SessionsBench.class);

  private SessionsBench() {}

  static BenchResult run(BenchContext ctx, int maxSessions) throws Exception {
    BenchResult result = new BenchResult("sessions", "3. Sessions: open sessions held by one worker, heap after GC");
    List<Integer> steps = new ArrayList<>();
    for (int s : new int[] {0, 1000, 2500, 5000, 10_000, 20_000, 50_000}) {
      if (s < maxSessions) {
        steps.add(s);
      }
    }
    steps.add(maxSessions);
    Figure empty = result.figure("heap after GC, 0 sessions", "MiB");
    Figure full = result.figure("heap after GC, " + maxSessions + " sessions", "MiB");
    for (int r = 0; r < ctx.repeats; r++) {
      try (Deployment d = ctx.deploy("sessions-" + (r + 1), "2g", o -> o.withGatewayTiming(Duration.ofMillis(10),
          Duration.ofMillis(10)).withWorker(o.worker(), 512, o.workerJvmArgs()));
          SessionDriver driver = new SessionDriver(ctx.infra.bootstrap(), d)) {
        WorkerHandle worker = d.worker().orElseThrow();
        for (int step : steps) {
          long started = System.nanoTime();
          long failed = driver.open(step - driver.openCount(), 256);
          double seconds = (System.nanoTime() - started) / 1e9;
          double heap = Bench.mib(worker.sample(true).heapAfterGcBytes());
          result.figure("heap after GC, " + step + " sessions", "MiB").add(heap);
          if (step > 0) {
            result.figure("failed opens up to " + step, "sessions").add(failed);
            double rate = (step - previous(steps, step)) / seconds;
            result.figure("open rate up to " + step, "sessions/s").add(Math.round(10 * rate) / 10.0);
          }
          LOG.info("sessions repeat {}: {} open ({} failed) in {} s, worker heap after GC {} MiB", r + 1,
              driver.openCount(), failed, Figure.fmt(seconds), heap);
        }
        long started = System.nanoTime();
        long failed = driver.closeAll(256);
        result.figure("close all", "s").add(Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        result.figure("failed closes", "sessions").add(failed);
      }
    }
    JsonArray table = new JsonArray();
    double[] xs = new double[steps.size()];
    double[] ys = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Figure f = result.figure("heap after GC, " + steps.get(i) + " sessions", "MiB");
      xs[i] = steps.get(i);
      ys[i] = f.median();
      table.add(new JsonObject().put("sessions", steps.get(i)).put("heapAfterGcMiB", f.median()));
    }
    double perSession = (full.median() - empty.median()) * 1024 / Math.max(1, maxSessions);
    result.figure("heap per open session", "KiB").add(Math.round(perSession * 10) / 10.0);
    result.details.put("steps", table);
    result.details.put("gateway", "dev gateway, simulated exec, ready 10 ms, delete 10 ms; opened 256 at a time;"
        + " worker max-in-flight 512, -Xmx2g");
    result.pairs.add(new Pair("sessions.heap", "worker heap after GC: no session vs " + maxSessions + " open",
        empty, full, "with sessions / without"));
    result.targets.add(new Target("sessions", "heap after GC with " + maxSessions + " open sessions", full.median(),
        "MiB", true, 512));
    result.charts.add(new BenchResult.NamedChart("sessions.png", new Chart("Worker heap after GC by open sessions",
        "open sessions", "heap after GC (MiB)", false, false).add("worker heap after GC (median)", xs, ys)));
    return result;
  }

  private static int previous(List<Integer> steps, int step) {
    int i = steps.indexOf(step);
    return i > 0 ? steps.get(i - 1) : 0;
  }
}
