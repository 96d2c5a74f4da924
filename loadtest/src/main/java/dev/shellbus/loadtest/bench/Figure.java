package dev.shellbus.loadtest.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured quantity with a value per repeat; reports use the median, and show the spread next to it.
 *
 * @param name what was measured
 * @param unit its unit
 * @param samples one value per repeat
 */
public record Figure(String name, String unit, List<Double> samples) {

  /** An empty figure to add samples to. */
  public static Figure of(String name, String unit) {
    return new Figure(name, unit, new ArrayList<>());
  }

  /** Adds the value of one repeat. */
  public Figure add(double value) {
    samples.add(value);
    return this;
  }

  /** The median over repeats. */
  public double median() {
    return Bench.median(samples);
  }

  /** The figure as JSON: name, unit, median and every sample. */
  public JsonObject toJson() {
    JsonArray all = new JsonArray();
    samples.forEach(all::add);
    return new JsonObject().put("name", name).put("unit", unit).put("median", round(median())).put("samples", all);
  }

  /** The median with its unit and the range, e.g. {@code 12.3 ms (11.9 to 14.0)}. */
  public String describe() {
    double lo = samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double hi = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    String range = samples.size() > 1 ? " (" + fmt(lo) + " to " + fmt(hi) + ")" : "";
    return fmt(median()) + " " + unit + range;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    return a >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(java.util.Locale.ROOT, "%.1f", v) : String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
