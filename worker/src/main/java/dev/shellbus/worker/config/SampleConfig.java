package dev.shellbus.worker.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the commented sample configuration from {@link ConfigKeys}: every key under its section, with its
 * description, type, rule, environment variable and default, commented out. The file is valid as it is (all
 * defaults). Secret keys are listed but marked {@code SECRET}: they are never set in a file.
 *
 * <p>{@code worker/config/shellbus-worker.sample.yaml} is this output; a test fails when they differ.
 */
public final class SampleConfig {

  /** Marks the line of a secret key. */
  public static final String SECRET_MARK = "SECRET:";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,=-]+");

  private SampleConfig() {}

  /** Returns the sample file's text. */
  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# shellbus worker configuration: every key with its default, commented out.\n")
        .append("# Run: ./shellbus worker --config FILE (from a checkout) or bin/shellbus worker --config FILE (from\n")
        .append("# the distribution).\n")
        .append("# Precedence: command-line flags (--kafka.group-id=NAME) > environment (SHELLBUS_KAFKA_GROUP_ID)\n")
        .append("# > this file > defaults.\n")
        .append("# Durations: 500ms, 30s, 5m, 2h, 7d. Sizes: 512, 64KiB, 8MiB, 1GiB.\n")
        .append("# Secrets are never set in this file: use their environment variable or their *-file key.\n")
        .append("# Generated from dev.shellbus.worker.config.ConfigKeys (SampleConfig.render()).\n");
    List<String> open = List.of();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      List<String> parts = Arrays.asList(key.name().split("\\."));
      List<String> sections = parts.subList(0, parts.size() - 1);
      int common = 0;
      while (common < Math.min(open.size(), sections.size()) && open.get(common).equals(sections.get(common))) {
        common++;
      }
      for (int i = common; i < sections.size(); i++) {
        out.append(i == 0 ? "\n" : "").append("  ".repeat(i)).append(sections.get(i)).append(":\n");
      }
      open = new ArrayList<>(sections);
      String indent = "  ".repeat(sections.size());
      out.append(indent).append("# ").append(key.description()).append('\n');
      out.append(indent).append("# [").append(key.type().name())
          .append(key.ruleText().isEmpty() ? "" : ", " + key.ruleText()).append("] env ").append(key.envName())
          .append('\n');
      out.append(indent).append("# ").append(parts.get(parts.size() - 1)).append(": ").append(value(key))
          .append('\n');
    }
    return out.toString();
  }

  private static <T> String value(ConfigKey<T> key) {
    if (key.secret()) {
      return "  # " + SECRET_MARK + " never here; set " + key.envName() + " or " + key.fileKeyName();
    }
    T def = key.defaultValue();
    if (def == null) {
      return "";
    }
    if (def instanceof java.util.Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    String text = key.type().format(def);
    return PLAIN.matcher(text).matches() ? text : "\"" + text.replace("\"", "\\\"") + "\"";
  }
}
