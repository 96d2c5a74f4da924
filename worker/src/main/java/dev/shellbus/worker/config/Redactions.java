package dev.shellbus.worker.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Masks values of client properties whose names suggest a secret ({@code sasl.jaas.config}, {@code
 * ssl.key.password}, anything with password, secret, token or credential in its name) before they are shown.
 */
public final class Redactions {

  private static final String[] SECRET_WORDS = {"password", "secret", "token", "jaas", "credential", "key.pass"};

  private Redactions() {}

  /** Returns whether a property of this name holds a secret. */
  public static boolean isSecretProperty(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Returns {@code properties} sorted by name with secret values masked. */
  public static Map<String, String> properties(Map<String, String> properties) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach((k, v) -> out.put(k, isSecretProperty(k) ? Secret.MASK : v));
    return out;
  }
}
