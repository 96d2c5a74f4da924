package dev.shellbus.loadtest.plan;

import java.util.Locale;

/** Parses and prints byte sizes with binary suffixes ({@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 2GiB}). */
public final class Sizes {

  private Sizes() {}

  /** Parses a size; the suffixes B, K/KiB/KB, M/MiB/MB, G/GiB/GB are binary and case-insensitive. */
  public static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    String digits = t;
    String[][] suffixes = {{"GIB", "GB", "G"}, {"MIB", "MB", "M"}, {"KIB", "KB", "K"}, {"B"}};
    long[] units = {1L << 30, 1L << 20, 1L << 10, 1};
    outer:
    for (int i = 0; i < suffixes.length; i++) {
      for (String s : suffixes[i]) {
        if (t.endsWith(s)) {
          unit = units[i];
          digits = t.substring(0, t.length() - s.length()).trim();
          break outer;
        }
      }
    }
    long value = Long.parseLong(digits);
    if (value < 0) {
      throw new IllegalArgumentException("size must not be negative: " + text);
    }
    return Math.multiplyExact(value, unit);
  }

  /** Prints a size with the largest binary suffix that divides it exactly. */
  public static String format(long bytes) {
    String[] names = {"GiB", "MiB", "KiB"};
    long[] units = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= units[i] && bytes % units[i] == 0) {
        return bytes / units[i] + names[i];
      }
    }
    return bytes + "B";
  }
}
