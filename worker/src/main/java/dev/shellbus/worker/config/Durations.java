package dev.shellbus.worker.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way shellbus reads and writes durations, in configuration, on the command line and in the load generator:
 * one or more amounts with a unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 7d}, or ISO-8601
 * ({@code PT30S}). A bare number is not a duration: its unit would be a guess.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1000L};
  private static final String[] NAMES = {"d", "h", "m", "s"};

  private Durations() {}

  /** Returns the duration {@code text} denotes, or empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
      try {
        return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      at = m.end();
    }
    return at == t.length() ? Optional.of(total) : Optional.empty();
  }

  /**
   * Returns the duration {@code text} denotes.
   *
   * @throws IllegalArgumentException naming the text and the grammar when it is not a duration
   */
  public static Duration require(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException(
        "expected a duration such as 500ms, 30s, 5m, 1h30m, 7d or PT30S, got '" + text + "'"));
  }

  /** Writes {@code d} in the largest unit that holds it whole: {@code 7d}, {@code 2h}, {@code 90s}, {@code 1500ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    for (int i = 0; i < UNITS.length; i++) {
      if (ms != 0 && ms % UNITS[i] == 0) {
        return ms / UNITS[i] + NAMES[i];
      }
    }
    return ms + "ms";
  }
}
