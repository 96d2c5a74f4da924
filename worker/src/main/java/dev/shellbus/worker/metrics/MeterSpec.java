package dev.shellbus.worker.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One meter of the catalogue: its dot-separated name, kind, description, base unit and tags, each tag with the only
 * values it may take (anything else is recorded as {@value #OTHER}), so that no tag can grow without bound.
 *
 * @param name dot-separated name, e.g. {@code shellbus.requests}
 * @param kind what kind of meter it is
 * @param description what it measures, one sentence
 * @param unit the base unit ({@code requests}, {@code seconds}, {@code bytes}...)
 * @param tags the tag keys with their allowed values, in order
 */
public record MeterSpec(String name, Kind kind, String description, String unit, Map<String, Set<String>> tags) {

  /** The value a tag takes when the given one is not allowed. */
  public static final String OTHER = "other";

  /** The kinds of meters. */
  public enum Kind {
    /** A monotonic count the worker increments. */
    COUNTER,
    /** A monotonic count read from a function. */
    FUNCTION_COUNTER,
    /** A value read from a function. */
    GAUGE,
    /** Durations with count, sum and max. */
    TIMER
  }

  /** Checks the declaration and copies the tags. */
  public MeterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unit, "unit");
    tags = Map.copyOf(tags);
    if (!name.matches("[a-z]+(\\.[a-z_]+)+")) {
      throw new IllegalArgumentException("meter names are dot-separated lower case: " + name);
    }
  }

  /** Returns the tag keys in a stable order. */
  public List<String> tagKeys() {
    return tags.keySet().stream().sorted().toList();
  }

  /** Returns {@code value} when the tag allows it, else {@value #OTHER}. */
  public String bounded(String key, String value) {
    Set<String> allowed = tags.get(key);
    if (allowed == null) {
      throw new IllegalArgumentException(name + " has no tag " + key);
    }
    return value != null && allowed.contains(value) ? value : OTHER;
  }
}
