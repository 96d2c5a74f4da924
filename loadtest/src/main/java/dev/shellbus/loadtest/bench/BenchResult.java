package dev.shellbus.loadtest.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark measured: its pairs, the targets it is held against, further figures (CPU, heap, percentiles), free-form details and, when it
 * was profiled, the summary of the worker's flight recording.
 */
public final class BenchResult {

  final String id;
  final String title;
  final List<Pair> pairs = new ArrayList<>();
  final List<Figure> figures = new ArrayList<>();
  final List<Target> targets = new ArrayList<>();
  final JsonObject details = new JsonObject();
  final List<NamedChart> charts = new ArrayList<>();
  String profile;

  /** A chart of the benchmark, saved under {@code file} (PNG) and inlined in the HTML page. */
  record NamedChart(String file, dev.shellbus.loadtest.report.Chart chart) {}

  BenchResult(String id, String title) {
    this.id = id;
    this.title = title;
  }

  Figure figure(String name, String unit) {
    for (Figure f : figures) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    Figure f = Figure.of(name, unit);
    figures.add(f);
    return f;
  }

  /** As JSON. */
  public JsonObject toJson() {
    JsonArray p = new JsonArray();
    pairs.forEach(x -> p.add(x.toJson()));
    JsonArray f = new JsonArray();
    figures.forEach(x -> f.add(x.toJson()));
    JsonArray t = new JsonArray();
    targets.forEach(x -> t.add(x.toJson()));
    return new JsonObject().put("id", id).put("title", title).put("pairs", p).put("targets", t).put("figures", f)
        .put("details", details).put("profile", profile);
  }
}
