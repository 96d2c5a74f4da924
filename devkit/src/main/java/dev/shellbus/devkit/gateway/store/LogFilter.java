package dev.shellbus.devkit.gateway.store;

import dev.shellbus.gateway.v1.SandboxLogLine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The log filters of GetSandboxLogs and WatchSandbox: a time floor, a set of sources and a minimum level.
 *
 * <p>Levels rank ERROR &lt; WARN &lt; INFO (= OCSF) &lt; DEBUG &lt; TRACE; a line passes when its level is at or
 * below the minimum. Lines with an unknown level always pass, as does every line when the minimum is empty or
 * unknown. An empty source, on a line or in the filter, counts as {@code "gateway"}.
 *
 * @param sinceMs the earliest timestamp that passes; 0 or less means no floor
 * @param sources the sources that pass; empty means all
 * @param minLevel the least severe level that passes; empty means all
 */
public record LogFilter(long sinceMs, Set<String> sources, String minLevel) {

  private static final Map<String, Integer> RANK =
      Map.of("ERROR", 0, "WARN", 1, "WARNING", 1, "INFO", 2, "OCSF", 2, "DEBUG", 3, "TRACE", 4);

  /** Normalises the sources. */
  public LogFilter {
    sources = Set.copyOf(sources);
    minLevel = minLevel == null ? "" : minLevel;
  }

  /** Builds a filter from request fields, counting an empty source as {@code "gateway"}. */
  public static LogFilter of(long sinceMs, List<String> sources, String minLevel) {
    return new LogFilter(sinceMs, sources.stream().map(LogFilter::source).collect(Collectors.toSet()), minLevel);
  }

  /** Returns whether {@code line} passes every filter. */
  public boolean test(SandboxLogLine line) {
    return passesSince(line) && passesSourceAndLevel(line);
  }

  /** Returns whether {@code line} passes the source and level filters; live watch streams ignore the time floor. */
  public boolean passesSourceAndLevel(SandboxLogLine line) {
    if (!sources.isEmpty() && !sources.contains(source(line.getSource()))) {
      return false;
    }
    Integer min = RANK.get(minLevel.toUpperCase(Locale.ROOT));
    Integer level = RANK.get(line.getLevel().toUpperCase(Locale.ROOT));
    return min == null || level == null || level <= min;
  }

  private boolean passesSince(SandboxLogLine line) {
    return sinceMs <= 0 || line.getTimestampMs() >= sinceMs;
  }

  private static String source(String value) {
    return value == null || value.isEmpty() ? "gateway" : value;
  }
}
