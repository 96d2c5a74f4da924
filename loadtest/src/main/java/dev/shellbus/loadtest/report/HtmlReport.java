package dev.shellbus.loadtest.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A self-contained HTML page of a run report: what was offered, on which machine, one table row per request type and
 * the two charts as inline SVG, so the page can be opened from disk or attached anywhere.
 */
public final class HtmlReport {

  private HtmlReport() {}

  /** Renders the page of a report built by {@link ReportJson}. */
  public static String render(JsonObject report) {
    JsonObject run = report.getJsonObject("run");
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>shellbus load test ")
        .append(esc(run.getString("runId"))).append("</title>\n").append(style()).append("</head><body>\n");
    sb.append("<h1>shellbus load test ").append(esc(run.getString("runId"))).append("</h1>\n");
    sb.append("<p>").append(esc(run.getString("description"))).append(" &mdash; started ")
        .append(esc(run.getString("startedAt"))).append(", ").append(run.getLong("arrivalsStarted"))
        .append(" arrivals, ").append(run.getLong("requestsSent")).append(" requests, done in ")
        .append(String.format(java.util.Locale.ROOT, "%.1f", run.getDouble("totalSeconds"))).append(" s")
        .append(run.getBoolean("complete") ? "" : " <b>(incomplete)</b>").append("</p>\n");
    sb.append(keyValues("Machine", report.getJsonObject("machine")));
    sb.append(typesTable(report.getJsonArray("types")));
    sb.append("<pre>").append(esc(TextSummary.phases(report.getJsonArray("types")))).append("</pre>\n");
    sb.append("<h2>Latency over time</h2>\n").append(Plots.svg(Plots.overTime(report)));
    sb.append("<h2>Latency percentiles</h2>\n").append(Plots.svg(Plots.percentiles(report)));
    sb.append("<p class=\"note\">Latency is end to end, from the arrival's intended start (open model: its scheduled"
        + " time, so stalls are counted, not omitted) to its result; session parts from their own send."
        + " Full figures: report.json.</p>\n</body></html>\n");
    return sb.toString();
  }

  /** A two-column table of a JSON object's fields. */
  public static String keyValues(String caption, JsonObject values) {
    StringBuilder sb = new StringBuilder("<table><caption>").append(esc(caption)).append("</caption>\n");
    values.forEach(e -> sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
        .append(esc(String.valueOf(e.getValue()))).append("</td></tr>\n"));
    return sb.append("</table>\n").toString();
  }

  private static String typesTable(JsonArray types) {
    StringBuilder sb = new StringBuilder("<table><caption>By request type (ms)</caption>\n<tr><th>type</th>"
        + "<th>count</th><th>failed</th><th>per s</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>"
        + "<th>max</th><th>ready p50 / p99</th><th>first step p50 / p99</th><th>beyond steps p50 / p99</th>"
        + "<th>errors</th></tr>\n");
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      JsonObject l = t.getJsonObject("latencyMs");
      sb.append("<tr><td>").append(esc(t.getString("name"))).append("</td><td>").append(t.getLong("count"))
          .append("</td><td>").append(t.getLong("failed")).append("</td><td>").append(t.getDouble("throughputPerSecond"))
          .append("</td>");
      for (String k : new String[] {"p50", "p90", "p99", "p999", "max"}) {
        sb.append("<td>").append(l.getValue(k, "-")).append("</td>");
      }
      sb.append("<td>").append(pair(t.getJsonObject("sandboxReadyMs"))).append("</td><td>")
          .append(pair(t.getJsonObject("firstStepMs"))).append("</td><td>")
          .append(pair(t.getJsonObject("beyondStepsMs"))).append("</td><td>")
          .append(t.getJsonObject("errors").isEmpty() ? "-" : esc(t.getJsonObject("errors").encode()))
          .append("</td></tr>\n");
    }
    return sb.append("</table>\n").toString();
  }

  private static String pair(JsonObject s) {
    return s.getLong("count", 0L) == 0 ? "-" : s.getValue("p50") + " / " + s.getValue("p99");
  }

  /** The page's style sheet. */
  public static String style() {
    return "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;"
        + "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}"
        + "caption{font-weight:bold;text-align:left;padding:4px 0}.note{color:#555;font-size:13px}</style>\n";
  }

  /** Escapes text for HTML. */
  public static String esc(String text) {
    return SvgCanvas.escape(text == null ? "" : text);
  }
}
