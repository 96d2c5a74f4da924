package dev.shellbus.worker.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every key's resolved, typed and checked value with where it came from ({@code default}, {@code file ...}, {@code
 * env ...}, {@code flag ...}, {@code code}). Immutable. {@link #toString()} lists the keys that are not at their
 * defaults, with secrets masked.
 */
public final class ConfigValues {

  private final Map<ConfigKey<?>, Object> values;
  private final Map<ConfigKey<?>, String> sources;

  ConfigValues(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> sources) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** Returns the value of {@code key}; null when it has neither a value nor a default. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) values.get(key);
  }

  /** Returns the value of {@code key}, if it has one. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    return Optional.ofNullable(get(key));
  }

  /** Returns the value of a string key unless it is empty. */
  public Optional<String> text(ConfigKey<String> key) {
    return find(key).filter(s -> !s.isBlank());
  }

  /** Returns where the value of {@code key} came from. */
  public String source(ConfigKey<?> key) {
    return sources.getOrDefault(key, "default");
  }

  @Override
  public String toString() {
    return values.entrySet().stream()
        .filter(e -> !"default".equals(source(e.getKey())))
        .map(e -> e.getKey().name() + "=" + shown(e.getKey(), e.getValue()) + " (" + source(e.getKey()) + ")")
        .collect(Collectors.joining(", ", "ConfigValues[", "]"));
  }

  @SuppressWarnings("unchecked")
  private static <T> String shown(ConfigKey<T> key, Object value) {
    if (key.secret()) {
      return Secret.MASK;
    }
    if (value instanceof Map<?, ?> map) {
      return Redactions.properties((Map<String, String>) map).toString();
    }
    return key.type().format((T) value);
  }
}
