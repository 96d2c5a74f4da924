package dev.shellbus.loadtest;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads durations as people write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO {@code PT30S}. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Parses a duration; a bare number is seconds. */
  public static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("pt")) {
      return Duration.parse(value.trim());
    }
    String[] units = {"ms", "s", "m", "h"};
    for (String unit : units) {
      if (v.endsWith(unit) && !(unit.equals("s") && v.endsWith("ms"))) {
        long n = Long.parseLong(v.substring(0, v.length() - unit.length()).trim());
        switch (unit) {
          case "ms":
            return Duration.ofMillis(n);
          case "s":
            return Duration.ofSeconds(n);
          case "m":
            return Duration.ofMinutes(n);
          default:
            return Duration.ofHours(n);
        }
      }
    }
    return Duration.ofSeconds(Long.parseLong(v));
  }
}
