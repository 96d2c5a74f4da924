package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Mix;
import dev.shellbus.loadtest.report.Chart;
import dev.shellbus.loadtest.run.LoadGenerator;
import dev.shellbus.loadtest.run.RunResult;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.WorkerHandle;
import dev.shellbus.loadtest.stack.WorkerSample;
import dev.shellbus.loadtest.stats.TypeStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 2. Throughput: short jobs per second through one worker (its own JVM) against the simulated dev gateway with no
 * ready or delete delay, at increasing closed-loop concurrency until the rate stops growing by 5%, next to the same
 * jobs made directly with the gateway client. The worker's CPU (cores busy) and heap after GC are sampled per step.
 */
final class ThroughputBench {

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputBench.class);

  private ThroughputBench() {}

  static BenchResult run(BenchContext ctx) throws Exception {
    BenchResult result = new BenchResult("throughput", "2. Throughput: successful short jobs per second, one worker,"
        + " simulated gateway (no ready/delete delay), closed loop at rising concurrency");
    int[] steps = ctx.quick ? new int[] {16, 64, 256} : new int[] {16, 64, 256, 1024};
    Duration warmup = Duration.ofSeconds(ctx.pick(5, 3));
    Duration measure = Duration.ofSeconds(ctx.pick(15, 7));
    try (Deployment d = ctx.deploy("throughput", "1g", o -> o.withGatewayTiming(Duration.ZERO, Duration.ZERO)
        .withWorker(o.worker(), 2048, o.workerJvmArgs()).withPartitions(12));
        DirectGateway direct = DirectGateway.connect(d.gatewayEndpoint())) {
      LoadGenerator generator = ctx.generator(d);
      WorkerHandle worker = d.worker().orElseThrow();
      LOG.info("throughput: warming up");
      direct.jobs(64, 0, Duration.ofSeconds(10), Duration.ZERO, new AtomicLong());
      generator.run(plan(256, ctx.warmup, Duration.ZERO));
      result.details.put("warmup", ctx.warmup.toString());
      JsonArray table = new JsonArray();
      List<Double> xs = new ArrayList<>();
      List<Double> viaMedians = new ArrayList<>();
      List<Double> directMedians = new ArrayList<>();
      java.util.Map<String, Long> viaErrors = new java.util.TreeMap<>();
      double best = 0;
      Figure bestVia = null;
      Figure bestDirect = null;
      for (int concurrency : steps) {
        Figure a = result.figure("direct jobs/s, concurrency " + concurrency, "jobs/s");
        Figure b = result.figure("via worker jobs/s, concurrency " + concurrency, "jobs/s");
        Figure cpu = result.figure("worker CPU, concurrency " + concurrency, "cores");
        Figure heap = result.figure("worker heap after GC, concurrency " + concurrency, "MiB");
        Figure machine = result.figure("machine CPU busy (every process), via worker, concurrency " + concurrency,
            "cores");
        Figure p99 = result.figure("via worker p99, concurrency " + concurrency, "ms");
        for (int r = 0; r < ctx.repeats; r++) {
          DirectGateway.DirectRun run = direct.jobs(concurrency, 0, warmup.plus(measure), warmup, new AtomicLong());
          a.add(Math.round(run.throughput() * 10) / 10.0);
          WorkerSample before = worker.sample(false);
          java.util.Optional<MachineCpu> machineBefore = MachineCpu.read();
          RunResult via = generator.run(plan(concurrency, warmup.plus(measure), warmup));
          WorkerSample after = worker.sample(false);
          MachineCpu.read().ifPresent(now -> machineBefore.ifPresent(then -> machine.add(
              Math.round(now.coresBusySince(then, Runtime.getRuntime().availableProcessors()) * 100) / 100.0)));
          TypeStats.Snapshot job = via.type("job");
          b.add(Math.round(job.successThroughput() * 10) / 10.0);
          p99.add(Bench.ms(job.latency().getValueAtPercentile(99)));
          cpu.add(Math.round(after.coresSince(before) * 100) / 100.0);
          heap.add(Bench.mib(worker.sample(true).heapAfterGcBytes()));
          result.figure("via worker failed jobs, concurrency " + concurrency, "jobs").add(job.failed());
          job.errors().forEach((k, v) -> viaErrors.merge(k, v, Long::sum));
          LOG.info("throughput c={} repeat {}: direct {} jobs/s, via worker {} jobs/s, worker {} cores",
              concurrency, r + 1, Figure.fmt(run.throughput()), Figure.fmt(job.successThroughput()),
              Figure.fmt(after.coresSince(before)));
        }
        table.add(new JsonObject().put("concurrency", concurrency).put("directJobsPerSecond", a.median())
            .put("viaWorkerJobsPerSecond", b.median()).put("workerCores", cpu.median())
            .put("workerHeapAfterGcMiB", heap.median()).put("viaWorkerP99Ms", p99.median()));
        xs.add((double) concurrency);
        viaMedians.add(b.median());
        directMedians.add(a.median());
        boolean grew = b.median() > best * 1.05;
        if (b.median() > best) {
          best = b.median();
          bestVia = b;
          bestDirect = a;
        }
        if (!grew) {
          LOG.info("throughput: saturated at concurrency {}", concurrency);
          break;
        }
      }
      result.details.put("steps", table);
      result.details.put("viaWorkerErrors", new io.vertx.core.json.JsonObject(new java.util.HashMap<>(viaErrors)));
      result.details.put("directErrors", new io.vertx.core.json.JsonObject(new java.util.HashMap<>(direct.errors())));
      result.details.put("gateway", "dev gateway, simulated exec (1 KiB stdout, instant), ready 0 ms, delete 0 ms;"
          + " worker max-in-flight 2048, 12 partitions, -Xmx1g");
      result.pairs.add(new Pair("throughput.peak", "short jobs per second at the best step", bestDirect, bestVia,
          "via worker / direct"));
      result.targets.add(new Target("throughput", "short jobs/s through one worker (best step)", best, "jobs/s",
          false, 2000));
      result.charts.add(new BenchResult.NamedChart("throughput.png",
          new Chart("Short jobs per second by concurrency", "concurrency (closed loop)", "jobs per second", false,
              false).add("via Kafka + worker", toArray(xs), toArray(viaMedians))
              .add("direct gateway client", toArray(xs), toArray(directMedians))));
    }
    return result;
  }

  private static LoadPlan plan(int concurrency, Duration duration, Duration warmup) {
    return LoadPlan.closed(concurrency, 0, duration, Mix.parse("job")).withWarmup(warmup)
        .withRequestTimeout(Duration.ofMinutes(2));
  }

  static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
