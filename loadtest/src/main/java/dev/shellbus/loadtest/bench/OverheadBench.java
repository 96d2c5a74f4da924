package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Mix;
import dev.shellbus.loadtest.run.LoadGenerator;
import dev.shellbus.loadtest.run.RunResult;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stats.TypeStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1. Overhead: a short job's gateway calls (create, wait ready, exec, delete) made directly with the gateway client,
 * versus the same job submitted through Kafka to a worker; wall time per job at concurrency 1 and 64, closed loop.
 * The dev gateway runs simulated execs with its default timing (ready after 250 ms, delete 100 ms).
 */
final class OverheadBench {

  private static final Logger LOG = LoggerFactory.getLogger(OverheadBench.class);

  private OverheadBench() {}

  static BenchResult run(BenchContext ctx) throws Exception {
    BenchResult result = new BenchResult("overhead", "1. Overhead: short job, direct gateway calls vs via Kafka and"
        + " a worker (wall time per job, p50)");
    result.details.put("warmup", ctx.warmup.toString());
    try (Deployment d = ctx.deploy("overhead", "1g", o -> o);
        DirectGateway direct = DirectGateway.connect(d.gatewayEndpoint())) {
      LoadGenerator generator = ctx.generator(d);
      AtomicLong failures = new AtomicLong();
      java.util.Map<String, Long> viaErrors = new java.util.TreeMap<>();
      LOG.info("overhead: warming up both paths ({} through the worker)", ctx.warmup);
      direct.jobs(64, 0, ctx.warmup.dividedBy(3), Duration.ZERO, new AtomicLong());
      generator.run(LoadPlan.closed(256, 0, ctx.warmup, Mix.parse("job"))
          .withRequestTimeout(Duration.ofMinutes(2)));
      for (int concurrency : new int[] {1, 64}) {
        int count = concurrency == 1 ? ctx.pick(40, 12) : ctx.pick(640, 192);
        Figure a = result.figure("direct, concurrency " + concurrency + ", p50", "ms");
        Figure b = result.figure("via worker, concurrency " + concurrency + ", p50", "ms");
        Figure aMean = result.figure("direct, concurrency " + concurrency + ", mean", "ms");
        Figure bMean = result.figure("via worker, concurrency " + concurrency + ", mean", "ms");
        Figure bP99 = result.figure("via worker, concurrency " + concurrency + ", p99", "ms");
        for (int r = 0; r < ctx.repeats; r++) {
          Histogram h = direct.jobs(concurrency, count, failures);
          a.add(Bench.ms(h.getValueAtPercentile(50)));
          aMean.add(Math.round(h.getMean() / 10.0) / 100.0);
          RunResult via = generator.run(plan(concurrency, count));
          TypeStats.Snapshot job = via.type("job");
          b.add(Bench.ms(job.latency().getValueAtPercentile(50)));
          bMean.add(Math.round(job.latency().getMean() / 10.0) / 100.0);
          bP99.add(Bench.ms(job.latency().getValueAtPercentile(99)));
          int c = concurrency;
          job.phases().forEach((name, ph) -> result.figure("via worker, concurrency " + c + ", phase " + name
              + ", p50", "ms").add(Bench.ms(ph.getValueAtPercentile(50))));
          result.figure("via worker failures", "jobs").add(job.failed());
          job.errors().forEach((k, v) -> viaErrors.merge(k, v, Long::sum));
          LOG.info("overhead c={} repeat {}: direct p50 {} ms, via worker p50 {} ms", concurrency, r + 1,
              Bench.ms(h.getValueAtPercentile(50)), Bench.ms(job.latency().getValueAtPercentile(50)));
        }
        Pair pair = new Pair("overhead.c" + concurrency, "short job wall time, concurrency " + concurrency, a, b,
            "via worker / direct");
        result.pairs.add(pair);
        if (concurrency == 1) {
          result.targets.add(new Target("overhead", "via worker / direct, concurrency 1", pair.ratio(), "", true,
              1.05));
        }
      }
      result.figure("direct failures", "jobs").add(failures.get());
      result.details.put("viaWorkerErrors", new io.vertx.core.json.JsonObject(new java.util.HashMap<>(viaErrors)));
      result.details.put("directErrors", new io.vertx.core.json.JsonObject(new java.util.HashMap<>(direct.errors())));
      result.details.put("gateway", "dev gateway, simulated exec (1 KiB stdout, instant), ready 250 ms, delete 100 ms");
    }
    return result;
  }

  private static LoadPlan plan(int concurrency, int count) {
    return LoadPlan.closed(concurrency, count, Duration.ZERO, Mix.parse("job"))
        .withRequestTimeout(Duration.ofMinutes(2));
  }
}
