package dev.shellbus.devkit.gateway.validate;

import dev.shellbus.devkit.gateway.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code label_selector}: an AND of exact-equality pairs {@code k1=v1,k2=v2}.
 *
 * <p>Whitespace around items is trimmed and empty items are ignored; at most 64 pairs are allowed, and each key and
 * value must be a valid label. There are no {@code !=}, set or existence operators.
 */
public final class LabelSelector {

  /** The most pairs one selector may hold. */
  public static final int MAX_PAIRS = 64;

  private static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), false);

  private final Map<String, String> required;
  private final boolean contradictory;

  private LabelSelector(Map<String, String> required, boolean contradictory) {
    this.required = Map.copyOf(required);
    this.contradictory = contradictory;
  }

  /**
   * Parses a selector.
   *
   * @throws GatewayException INVALID_ARGUMENT for a pair without {@code =}, an invalid key or value, or too many pairs
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    boolean contradictory = false;
    int count = 0;
    for (String item : selector.split(",", -1)) {
      String pair = item.trim();
      if (pair.isEmpty()) {
        continue;
      }
      if (++count > MAX_PAIRS) {
        throw GatewayException.invalid("label_selector has too many pairs: at most " + MAX_PAIRS + " are allowed");
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw GatewayException.invalid("label_selector item '" + pair + "' must have the form key=value");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (!K8sNames.isLabelKey(key)) {
        throw GatewayException.invalid("label_selector key '" + key + "' is not a valid label key");
      }
      if (!K8sNames.isLabelValue(value)) {
        throw GatewayException.invalid("label_selector value '" + value + "' is not a valid label value");
      }
      String previous = pairs.putIfAbsent(key, value);
      // A key required to equal two different values can match no sandbox.
      contradictory |= previous != null && !previous.equals(value);
    }
    return new LabelSelector(pairs, contradictory);
  }

  /** Returns whether every required pair is present in {@code labels}. */
  public boolean matches(Map<String, String> labels) {
    if (contradictory) {
      return false;
    }
    for (Map.Entry<String, String> pair : required.entrySet()) {
      if (!pair.getValue().equals(labels.get(pair.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the required pairs. */
  public Map<String, String> pairs() {
    return required;
  }
}
