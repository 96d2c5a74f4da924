package dev.shellbus.loadtest.report;

import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Workload;
import dev.shellbus.loadtest.run.RunResult;
import dev.shellbus.loadtest.stats.LatencyPoint;
import dev.shellbus.loadtest.stats.TypeStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The machine-readable report of a run: the plan, the machine, and per request type the counts, throughput, latency
 * percentiles (milliseconds), errors by code, the percentile distribution and the latency per second.
 */
public final class ReportJson {

  /** The percentiles every latency summary lists. */
  static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private ReportJson() {}

  /** Builds the report of {@code result} measured on {@code machine}. */
  public static JsonObject of(RunResult result, JsonObject machine) {
    JsonArray types = new JsonArray();
    result.types().forEach(t -> types.add(type(t)));
    return new JsonObject()
        .put("run", run(result))
        .put("machine", machine)
        .put("types", types);
  }

  private static JsonObject run(RunResult r) {
    LoadPlan p = r.plan();
    JsonArray mix = new JsonArray();
    for (Workload w : p.mix().workloads()) {
      mix.add(new JsonObject().put("name", w.name()).put("weight", w.weight()));
    }
    return new JsonObject()
        .put("runId", r.runId())
        .put("startedAt", r.startedAt().toString())
        .put("description", p.describe())
        .put("model", p.model().name())
        .put("rate", p.rate())
        .put("poisson", p.poisson())
        .put("concurrency", p.concurrency())
        .put("count", p.count())
        .put("durationSeconds", p.duration().toMillis() / 1000.0)
        .put("warmupSeconds", p.warmup().toMillis() / 1000.0)
        .put("requestTimeoutSeconds", p.requestTimeout().toSeconds())
        .put("mix", mix)
        .put("issueSeconds", r.issueSeconds())
        .put("totalSeconds", r.totalSeconds())
        .put("arrivalsStarted", r.arrivalsStarted())
        .put("arrivalsFinished", r.arrivalsFinished())
        .put("requestsSent", r.requestsSent())
        .put("undecodableEvents", r.undecodable())
        .put("complete", r.complete());
  }

  /** One type's figures. */
  public static JsonObject type(TypeStats.Snapshot t) {
    JsonObject errors = new JsonObject();
    t.errors().forEach(errors::put);
    JsonObject samples = new JsonObject();
    t.errorSamples().forEach(samples::put);
    JsonArray timeline = new JsonArray();
    for (LatencyPoint p : t.timeline()) {
      timeline.add(new JsonArray().add(p.second()).add(p.count()).add(p.p50()).add(p.p99()).add(p.max()));
    }
    return new JsonObject()
        .put("name", t.name())
        .put("count", t.count())
        .put("succeeded", t.succeeded())
        .put("failed", t.failed())
        .put("windowSeconds", round(t.windowSeconds()))
        .put("throughputPerSecond", round(t.throughput()))
        .put("latencyMs", summary(t.latency()))
        .put("sandboxReadyMs", summary(t.ready()))
        .put("firstStepMs", summary(t.firstStep()))
        .put("beyondStepsMs", summary(t.beyondSteps()))
        .put("errors", errors)
        .put("errorSamples", samples)
        .put("phasesMs", phases(t))
        .put("percentiles", distribution(t.latency()))
        .put("timeline", timeline)
        .put("timelineColumns", new JsonArray().add("second").add("count").add("p50Ms").add("p99Ms").add("maxMs"));
  }

  private static JsonObject phases(TypeStats.Snapshot t) {
    JsonObject o = new JsonObject();
    t.phases().forEach((name, h) -> o.put(name, summary(h)));
    return o;
  }

  /** Count, mean, p50/p90/p99/p99.9 and max of a microsecond histogram, in milliseconds. */
  public static JsonObject summary(Histogram h) {
    JsonObject o = new JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return o;
    }
    o.put("mean", round(h.getMean() / 1000.0));
    for (double p : PERCENTILES) {
      o.put(label(p), round(h.getValueAtPercentile(p) / 1000.0));
    }
    return o.put("max", round(h.getMaxValue() / 1000.0));
  }

  /** The percentile distribution as [percentile, ms] pairs, two steps per halving of the tail. */
  static JsonArray distribution(Histogram h) {
    JsonArray points = new JsonArray();
    if (h.getTotalCount() == 0) {
      return points;
    }
    for (HistogramIterationValue v : h.percentiles(2)) {
      points.add(new JsonArray().add(round(v.getPercentileLevelIteratedTo()))
          .add(round(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0)));
      if (v.getPercentileLevelIteratedTo() >= 100.0) {
        break;
      }
    }
    return points;
  }

  static String label(double percentile) {
    return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + String.valueOf(percentile)
        .replace(".", "");
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
