package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.report.HtmlReport;
import dev.shellbus.loadtest.report.Plots;
import dev.shellbus.loadtest.report.ReportWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the benchmark run: {@code benchmarks.json} (everything), {@code summary.md} (the tables docs/benchmarks.md
 * shows), {@code index.html} (self-contained, charts inline) and one PNG per chart.
 */
final class BenchReport {

  private BenchReport() {}

  static void write(Path dir, JsonObject run, List<BenchResult> results) throws IOException {
    Files.createDirectories(dir);
    JsonArray all = new JsonArray();
    results.forEach(r -> all.add(r.toJson()));
    Files.writeString(dir.resolve("benchmarks.json"), run.copy().put("benchmarks", all).encodePrettily());
    Files.writeString(dir.resolve("summary.md"), markdown(run, results));
    Files.writeString(dir.resolve("index.html"), html(run, results));
    for (BenchResult r : results) {
      for (BenchResult.NamedChart c : r.charts) {
        ReportWriter.pngs(dir, List.of(c.chart()), List.of(c.file()));
      }
    }
  }

  static String markdown(JsonObject run, List<BenchResult> results) {
    StringBuilder sb = new StringBuilder();
    JsonObject m = run.getJsonObject("machine");
    sb.append("Run ").append(run.getString("startedAt")).append(", commit ").append(m.getString("commit"))
        .append(", ").append(m.getInteger("cores")).append(" cores, ").append(m.getLong("memoryMiB"))
        .append(" MiB, ").append(m.getString("cpu")).append(", ").append(m.getString("jvm")).append(", repeats ")
        .append(run.getInteger("repeats")).append(run.getBoolean("quick") ? " (quick)" : "");
    JsonObject worker = run.getJsonObject("workerSettings", new JsonObject());
    if (!worker.isEmpty()) {
      sb.append(", worker settings ");
      sb.append(String.join(", ", worker.stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    sb.append(".\n\n");
    sb.append("| # | target | measured (median) | target | met | load average (1/5/15 min, start / end) |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (BenchResult r : results) {
      for (Target t : r.targets) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s |%n", r.id, t.what(),
            Figure.fmt(t.value()), t.unit(), t.describeBound(), t.met() ? "yes" : "**no**", r.details.getString(
                "loadAverage", "")));
      }
    }
    sb.append("\n| pair | baseline (median, range) | through shellbus (median, range) | ratio |\n|---|---|---|---|\n");
    for (BenchResult r : results) {
      for (Pair p : r.pairs) {
        sb.append(String.format(Locale.ROOT, "| %s | %s: %s | %s: %s | %s = **%s** |%n", p.title(),
            p.baseline().name(), p.baseline().describe(), p.shellbus().name(), p.shellbus().describe(),
            p.ratioName(), Figure.fmt(p.ratio())));
      }
    }
    for (BenchResult r : results) {
      sb.append("\n**").append(r.title).append("**\n\n| figure | median (range over repeats) |\n|---|---|\n");
      for (Figure f : r.figures) {
        sb.append("| ").append(f.name()).append(" | ").append(f.describe()).append(" |\n");
      }
      if (r.details.containsKey("error")) {
        sb.append("\nFailed: ").append(r.details.getString("error")).append('\n');
      }
    }
    return sb.toString();
  }

  private static String html(JsonObject run, List<BenchResult> results) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>shellbus"
        + " benchmarks</title>\n" + HtmlReport.style() + "</head><body>\n<h1>shellbus benchmarks</h1>\n");
    sb.append(HtmlReport.keyValues("Machine", run.getJsonObject("machine")));
    sb.append("<table><caption>Targets (reported, never asserted)</caption><tr><th>#</th><th>what</th>"
        + "<th>measured</th><th>target</th><th>met</th><th>load average</th></tr>\n");
    for (BenchResult r : results) {
      for (Target t : r.targets) {
        sb.append("<tr><td>").append(HtmlReport.esc(r.id)).append("</td><td>").append(HtmlReport.esc(t.what()))
            .append("</td><td>").append(Figure.fmt(t.value())).append(' ').append(HtmlReport.esc(t.unit()))
            .append("</td><td>").append(HtmlReport.esc(t.describeBound())).append("</td><td>")
            .append(t.met() ? "yes" : "<b>no</b>").append("</td><td>")
            .append(HtmlReport.esc(r.details.getString("loadAverage", ""))).append("</td></tr>\n");
      }
    }
    sb.append("</table>\n");
    for (BenchResult r : results) {
      sb.append("<h2>").append(HtmlReport.esc(r.title)).append("</h2>\n<table><tr><th>pair</th><th>baseline</th>"
          + "<th>through shellbus</th><th>ratio</th></tr>\n");
      for (Pair p : r.pairs) {
        sb.append("<tr><td>").append(HtmlReport.esc(p.title())).append("</td><td>")
            .append(HtmlReport.esc(p.baseline().name() + ": " + p.baseline().describe())).append("</td><td>")
            .append(HtmlReport.esc(p.shellbus().name() + ": " + p.shellbus().describe())).append("</td><td>")
            .append(HtmlReport.esc(p.ratioName() + " = " + Figure.fmt(p.ratio()))).append("</td></tr>\n");
      }
      sb.append("</table>\n<table><tr><th>figure</th><th>median (range)</th></tr>\n");
      for (Figure f : r.figures) {
        sb.append("<tr><td>").append(HtmlReport.esc(f.name())).append("</td><td>")
            .append(HtmlReport.esc(f.describe())).append("</td></tr>\n");
      }
      sb.append("</table>\n");
      r.charts.forEach(c -> sb.append(Plots.svg(c.chart())));
      if (r.profile != null) {
        sb.append("<details><summary>worker profile (JFR execution samples)</summary><pre>")
            .append(HtmlReport.esc(r.profile)).append("</pre></details>\n");
      }
    }
    return sb.append("</body></html>\n").toString();
  }
}
