package dev.shellbus.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a configuration key: how a raw value (a string from env or flags, or a YAML scalar, list or map) becomes
 * a typed one, and how a typed value is written back in the sample file.
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} (ISO-8601 {@code PT30S} is
 * accepted too); byte sizes {@code 512}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB}; lists as YAML lists or
 * comma-separated; maps as YAML maps or {@code k=v,k2=v2}. {@link #parse} throws {@link IllegalArgumentException}
 * with a message that the loader prefixes with the key and the source.
 *
 * @param <T> the Java type of the value
 * @param name the type's name in the sample file and in errors
 * @param parser raw value to typed value
 * @param formatter typed value to its written form
 */
public record ValueType<T>(String name, Function<Object, T> parser, Function<T, String> formatter) {

  private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|)");

  /** Text, taken as it is (YAML scalars of other kinds are turned into their text). */
  public static final ValueType<String> STRING = new ValueType<>("string", ValueType::scalar, s -> s);
  /** A signed 32-bit integer. */
  public static final ValueType<Integer> INT = new ValueType<>("int", raw -> parseInt(scalar(raw)), String::valueOf);
  /** {@code true} or {@code false}. */
  public static final ValueType<Boolean> BOOLEAN = new ValueType<>("boolean", raw -> parseBoolean(scalar(raw)),
      String::valueOf);
  /** A duration, see the class comment. */
  public static final ValueType<Duration> DURATION_TYPE = new ValueType<>("duration", raw -> duration(scalar(raw)),
      ValueType::formatDuration);
  /** A byte size, see the class comment. */
  public static final ValueType<Long> BYTES_TYPE = new ValueType<>("bytes", raw -> bytes(scalar(raw)),
      ValueType::formatBytes);
  /** A file path. */
  public static final ValueType<Path> PATH = new ValueType<>("path", raw -> Path.of(scalar(raw)), Path::toString);
  /** A list of strings. */
  public static final ValueType<List<String>> LIST = new ValueType<>("list", ValueType::list,
      l -> String.join(",", l));
  /** A map of strings to strings. */
  public static final ValueType<Map<String, String>> MAP = new ValueType<>("map", ValueType::map, ValueType::formatMap);

  /** Turns a raw value into a typed one, or throws {@link IllegalArgumentException} saying what was expected. */
  public T parse(Object raw) {
    return parser.apply(raw);
  }

  /** Writes a typed value back in the form {@link #parse} reads. */
  public String format(T value) {
    return formatter.apply(value);
  }

  private static String scalar(Object raw) {
    if (raw instanceof Map || raw instanceof List) {
      throw new IllegalArgumentException("expected a single value, got a " + (raw instanceof Map ? "map" : "list"));
    }
    return String.valueOf(raw).trim();
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer, got '" + text + "'");
    }
  }

  private static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  static Duration duration(String text) {
    return Durations.require(text);
  }

  static String formatDuration(Duration d) {
    return Durations.format(d);
  }

  static long bytes(String text) {
    Matcher m = BYTES.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size such as 512, 64KiB, 8MiB or 1GiB, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "KiB" -> n * 1024;
      case "MiB" -> n * 1024 * 1024;
      case "GiB" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  static String formatBytes(Long value) {
    String[] names = {"GiB", "MiB", "KiB"};
    long[] units = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (value != 0 && value % units[i] == 0) {
        return value / units[i] + names[i];
      }
    }
    return Long.toString(value);
  }

  private static List<String> list(Object raw) {
    List<String> out = new ArrayList<>();
    if (raw instanceof List<?> items) {
      items.forEach(i -> out.add(scalar(i)));
    } else {
      for (String part : scalar(raw).split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, String> map(Object raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> out.put(String.valueOf(k), scalar(v)));
    } else {
      for (String part : scalar(raw).split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected key=value pairs separated by commas");
        }
        out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return Map.copyOf(out);
  }

  private static String formatMap(Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    map.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return out.toString();
  }
}
