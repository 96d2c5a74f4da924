package dev.shellbus.loadtest.bench;

import io.vertx.core.json.JsonObject;

/**
 * One of the targets and what this run measured for it. Reported, never asserted: a missed target is a
 * finding to explain (with a profile), not a failed build.
 *
 * @param id the benchmark it belongs to
 * @param what the measured quantity
 * @param value the measured value (median of repeats)
 * @param unit its unit
 * @param atMost whether the value must be at most (else at least) the bound
 * @param bound the target bound
 */
public record Target(String id, String what, double value, String unit, boolean atMost, double bound) {

  /** Returns whether the value meets the bound. */
  public boolean met() {
    return atMost ? value <= bound : value >= bound;
  }

  /** The bound in words, e.g. {@code <= 1.05}. */
  public String describeBound() {
    return (atMost ? "<= " : ">= ") + Figure.fmt(bound) + (unit.isEmpty() ? "" : " " + unit);
  }

  /** As JSON. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("what", what).put("value", Figure.round(value)).put("unit", unit)
        .put("target", describeBound()).put("met", met());
  }
}
