package dev.shellbus.loadtest.chaos.scenario;

import dev.shellbus.worker.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario of a run as named on the command line, {@code NAME[:key=value,...]} (or {@code ;} between pairs), its parameters over the run's
 * defaults (the global flags), e.g. {@code kill-workers:duration=60s,every=5s} or {@code gateway-outage:outage=10s}.
 *
 * @param name the scenario's name, one of {@link #NAMES}
 * @param params its parameters, the defaults first
 */
public record ScenarioSpec(String name, Map<String, String> params) {

  /** The scenario names. */
  public static final List<String> NAMES = List.of("kill-workers", "broker-restart", "gateway-outage",
      "store-outage", "gateway-delay", "hostile");

  /** Parses {@code NAME[:k=v,...]} over {@code defaults}. */
  public static ScenarioSpec parse(String text, Map<String, String> defaults) {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text.trim() : text.substring(0, colon).trim();
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of " + NAMES);
    }
    Map<String, String> params = new LinkedHashMap<>(defaults);
    if (colon >= 0) {
      for (String kv : text.substring(colon + 1).split("[,;]")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("scenario " + name + ": expected key=value, got '" + kv + "'");
        }
        String key = kv.substring(0, eq).trim();
        if (!defaults.containsKey(key)) {
          throw new IllegalArgumentException("scenario " + name + ": unknown parameter '" + key + "'; known: "
              + defaults.keySet());
        }
        params.put(key, kv.substring(eq + 1).trim());
      }
    }
    return new ScenarioSpec(name, Map.copyOf(params));
  }

  /** A duration parameter. */
  public Duration duration(String key) {
    return Durations.require(params.get(key));
  }

  /** A numeric parameter. */
  public double number(String key) {
    return Double.parseDouble(params.get(key));
  }

  /** An integer parameter. */
  public int integer(String key) {
    return Integer.parseInt(params.get(key));
  }

  @Override
  public String toString() {
    return name + new java.util.TreeMap<>(params);
  }
}
