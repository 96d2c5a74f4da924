package dev.shellbus.loadtest.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds the two standard charts of a run report: latency over time and the latency percentile distribution. */
public final class Plots {

  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  private Plots() {}

  /** p99 per second of every type (and p50 when there is one type). */
  static Chart overTime(JsonObject report) {
    JsonArray types = report.getJsonArray("types");
    Chart chart = new Chart("Latency over time (per second of the run)", "seconds since start", "latency (ms)",
        false, logScale(types));
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      JsonArray rows = t.getJsonArray("timeline");
      double[] xs = new double[rows.size()];
      double[] p50 = new double[rows.size()];
      double[] p99 = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        JsonArray row = rows.getJsonArray(r);
        xs[r] = row.getDouble(0);
        p50[r] = row.getDouble(2);
        p99[r] = row.getDouble(3);
      }
      chart.add(t.getString("name") + " p99", xs, p99);
      if (types.size() <= 3) {
        chart.add(t.getString("name") + " p50", xs, p50);
      }
    }
    return chart;
  }

  /** The percentile distribution of every type. */
  static Chart percentiles(JsonObject report) {
    JsonArray types = report.getJsonArray("types");
    Chart chart = new Chart("Latency by percentile", "percentile", "latency (ms)", true, logScale(types));
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      JsonArray rows = t.getJsonArray("percentiles");
      double[] xs = new double[rows.size()];
      double[] ys = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        xs[r] = rows.getJsonArray(r).getDouble(0);
        ys[r] = rows.getJsonArray(r).getDouble(1);
      }
      chart.add(t.getString("name"), xs, ys);
    }
    return chart;
  }

  /** A log scale when the types' medians differ by more than 20 times (a session part next to a whole session). */
  private static boolean logScale(JsonArray types) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int i = 0; i < types.size(); i++) {
      Double p50 = types.getJsonObject(i).getJsonObject("latencyMs").getDouble("p50");
      if (p50 != null && p50 > 0) {
        lo = Math.min(lo, p50);
        hi = Math.max(hi, p50);
      }
    }
    return hi > 0 && hi / lo > 20;
  }

  /** Renders a chart as an inline SVG element. */
  public static String svg(Chart chart) {
    SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
    chart.draw(canvas, WIDTH, HEIGHT);
    return canvas.toSvg();
  }

  /** Renders a chart as a PNG file. */
  public static void png(Chart chart, java.nio.file.Path file) throws java.io.IOException {
    PngCanvas canvas = new PngCanvas(WIDTH, HEIGHT);
    chart.draw(canvas, WIDTH, HEIGHT);
    canvas.write(file);
  }
}
