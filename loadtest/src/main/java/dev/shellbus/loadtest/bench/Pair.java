package dev.shellbus.loadtest.bench;

import io.vertx.core.json.JsonObject;

/**
 * Two figures measured side by side in one run, the baseline (direct gateway calls, a plain copy) and the same work
 * through shellbus, with the ratio of their medians.
 *
 * @param id a short key, e.g. {@code overhead.c1}
 * @param title what is compared
 * @param baseline the figure without shellbus
 * @param shellbus the figure through shellbus
 * @param ratioName what the ratio means, e.g. {@code via worker / direct}
 */
public record Pair(String id, String title, Figure baseline, Figure shellbus, String ratioName) {

  /** Returns shellbus over baseline, of the medians. */
  public double ratio() {
    return shellbus.median() / baseline.median();
  }

  /** As JSON. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("baseline", baseline.toJson())
        .put("shellbus", shellbus.toJson()).put("ratioName", ratioName).put("ratio", Figure.round(ratio()));
  }
}
