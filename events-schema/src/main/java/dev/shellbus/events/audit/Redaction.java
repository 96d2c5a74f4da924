package dev.shellbus.events.audit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes secret env values from command lines before they reach audit events, results or logs.
 *
 * <p>Every occurrence of the value of a secret env key, anywhere inside any argument, becomes {@value #MASK}. The scan goes
 * left to right in one pass and tries longer secrets first, so one secret containing another leaves no fragment
 * and a mask is never itself rewritten. Empty values are ignored.
 */
public final class Redaction {

  /** What a secret value is replaced with. */
  public static final String MASK = "***REDACTED***";

  private Redaction() {}

  /** Returns {@code argv} with the values of {@code secretKeys} (looked up in {@code env}) masked. */
  public static List<String> argv(List<String> argv, Map<String, String> env, Collection<String> secretKeys) {
    List<String> secrets = secretKeys.stream()
        .map(env::get)
        .filter(Objects::nonNull)
        .filter(v -> !v.isEmpty())
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
    return argv.stream().map(arg -> mask(arg, secrets)).toList();
  }

  private static String mask(String arg, List<String> secrets) {
    if (secrets.isEmpty()) {
      return arg;
    }
    StringBuilder out = new StringBuilder(arg.length());
    int i = 0;
    while (i < arg.length()) {
      String hit = longestAt(arg, i, secrets);
      if (hit == null) {
        out.append(arg.charAt(i++));
      } else {
        out.append(MASK);
        i += hit.length();
      }
    }
    return out.toString();
  }

  private static String longestAt(String arg, int index, List<String> secrets) {
    for (String secret : secrets) {
      if (arg.startsWith(secret, index)) {
        return secret;
      }
    }
    return null;
  }
}
