package dev.shellbus.loadtest.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The human summary of a report: the plan, the machine, and one table row per request type. */
public final class TextSummary {

  private TextSummary() {}

  /** Renders the summary of a report built by {@link ReportJson}. */
  public static String render(JsonObject report) {
    JsonObject run = report.getJsonObject("run");
    JsonObject m = report.getJsonObject("machine");
    StringBuilder sb = new StringBuilder();
    sb.append("shellbus load test ").append(run.getString("runId")).append(" at ").append(run.getString("startedAt"))
        .append('\n');
    sb.append("offered: ").append(run.getString("description")).append('\n');
    sb.append(String.format(Locale.ROOT, "arrivals %d started, %d finished; %d requests; issued in %.1f s, done in"
        + " %.1f s%s%n", run.getLong("arrivalsStarted"), run.getLong("arrivalsFinished"), run.getLong("requestsSent"),
        run.getDouble("issueSeconds"), run.getDouble("totalSeconds"),
        run.getBoolean("complete") ? "" : " (INCOMPLETE: some arrivals never finished)"));
    sb.append("machine: ").append(m.getInteger("cores")).append(" cores, ").append(m.getLong("memoryMiB"))
        .append(" MiB, ").append(m.getString("jvm")).append(", load ").append(m.getString("loadAverage"))
        .append(", commit ").append(m.getString("commit")).append("\n\n");
    sb.append(String.format(Locale.ROOT, "%-22s %7s %7s %9s %9s %9s %9s %9s %13s %13s %13s  %s%n", "type", "count",
        "failed", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "ready p50/99", "1st step p50/99",
        "beyond steps p50/99", "errors"));
    JsonArray types = report.getJsonArray("types");
    for (int i = 0; i < types.size(); i++) {
      sb.append(row(types.getJsonObject(i))).append('\n');
    }
    sb.append(phases(types));
    sb.append(errorSamples(types));
    sb.append("\nLatency is end to end: from the arrival's intended start (open model: scheduled time, so a stall is"
        + " counted) to its result; session parts (.open/.exec/.close) from their own send. Beyond steps = latency"
        + " minus the step time the worker reports.\n");
    return sb.toString();
  }

  /** Where the time goes: each type's phases between the result's milestones, p50/p99 ms. */
  static String phases(JsonArray types) {
    StringBuilder sb = new StringBuilder("\nWhere the time goes (successful requests, phases between the result's"
        + " milestones, p50/p99 ms):\n");
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      JsonObject phases = t.getJsonObject("phasesMs", new JsonObject());
      if (phases.isEmpty()) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "  %-20s", t.getString("name")));
      phases.forEach(e -> sb.append(' ').append(e.getKey()).append(' ').append(pair((JsonObject) e.getValue())));
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The first error message of each failure code, so that a failure in a long run can be told without its logs. */
  static String errorSamples(JsonArray types) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      JsonObject samples = t.getJsonObject("errorSamples", new JsonObject());
      samples.forEach(e -> sb.append(String.format(Locale.ROOT, "  %-20s %s: %s%n", t.getString("name"), e.getKey(),
          e.getValue())));
    }
    return sb.length() == 0 ? "" : "\nFirst error message per code:\n" + sb;
  }

  private static String row(JsonObject t) {
    JsonObject l = t.getJsonObject("latencyMs");
    return String.format(Locale.ROOT, "%-22s %7d %7d %9.1f %9s %9s %9s %9s %13s %13s %13s  %s", t.getString("name"),
        t.getLong("count"), t.getLong("failed"), t.getDouble("throughputPerSecond"), ms(l, "p50"), ms(l, "p90"),
        ms(l, "p99"), ms(l, "max"), pair(t.getJsonObject("sandboxReadyMs")), pair(t.getJsonObject("firstStepMs")),
        pair(t.getJsonObject("beyondStepsMs")), t.getJsonObject("errors").isEmpty() ? "-"
            : t.getJsonObject("errors").encode());
  }

  private static String pair(JsonObject s) {
    return s.getLong("count", 0L) == 0 ? "-" : ms(s, "p50") + "/" + ms(s, "p99");
  }

  private static String ms(JsonObject s, String key) {
    Double v = s.getDouble(key);
    if (v == null) {
      return "-";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
