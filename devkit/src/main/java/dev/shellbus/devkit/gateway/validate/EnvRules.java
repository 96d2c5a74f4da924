package dev.shellbus.devkit.gateway.validate;

import dev.shellbus.devkit.gateway.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for {@code spec.environment}: at most 128 entries, POSIX-style keys of at most 256 bytes, the
 * {@code OPENSHELL_} prefix reserved, values of at most 8192 bytes, and at most 256 KiB in total.
 */
public final class EnvRules {

  static final int MAX_ENTRIES = 128;
  static final int MAX_KEY = 256;
  static final int MAX_VALUE = 8192;
  static final int MAX_TOTAL = 256 * 1024;
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvRules() {}

  /** Returns whether {@code key} is a valid environment variable name. */
  public static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Checks an environment map; {@code field} names it in the message. */
  public static void check(String field, Map<String, String> env) {
    if (env.size() > MAX_ENTRIES) {
      throw GatewayException.invalid(
          field + " has " + env.size() + " entries: at most " + MAX_ENTRIES + " are allowed");
    }
    long total = 0;
    for (Map.Entry<String, String> entry : env.entrySet()) {
      String key = entry.getKey();
      int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
      int valueBytes = entry.getValue().getBytes(StandardCharsets.UTF_8).length;
      if (keyBytes > MAX_KEY) {
        throw GatewayException.invalid(field + " key is too long: at most " + MAX_KEY + " bytes are allowed");
      }
      if (!isKey(key)) {
        throw GatewayException.invalid(field + " key '" + key + "' must match ^[A-Za-z_][A-Za-z0-9_]*$");
      }
      if (key.startsWith("OPENSHELL_")) {
        throw GatewayException.invalid(field + " key '" + key + "' is reserved: OPENSHELL_* is set by the gateway");
      }
      if (valueBytes > MAX_VALUE) {
        throw GatewayException.invalid(
            field + " value of '" + key + "' is too long: at most " + MAX_VALUE + " bytes are allowed");
      }
      total += keyBytes + valueBytes;
    }
    if (total > MAX_TOTAL) {
      throw GatewayException.invalid(
          field + " is too large: " + total + " bytes, at most " + MAX_TOTAL + " bytes are allowed");
    }
  }
}
