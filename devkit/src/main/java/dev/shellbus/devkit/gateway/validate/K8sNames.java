package dev.shellbus.devkit.gateway.validate;

import dev.shellbus.devkit.gateway.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Kubernetes-style name rules the gateway applies to sandbox names, label keys and values, and annotations.
 *
 * <p>Every check throws a {@link GatewayException} with INVALID_ARGUMENT that names the offending field.
 */
public final class K8sNames {

  /** The longest sandbox name. */
  public static final int MAX_SANDBOX_NAME = 19;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final int MAX_LABEL = 63;
  private static final int MAX_PREFIX = 253;
  private static final int MAX_ANNOTATION_VALUE = 8192;

  private K8sNames() {}

  /** Returns whether {@code name} is a DNS-1123 label without {@code --}, of at most 19 characters. */
  public static boolean isSandboxName(String name) {
    return name.length() <= MAX_SANDBOX_NAME && isDnsLabel(name);
  }

  /** Returns whether {@code value} is a DNS-1123 label (at most 63 characters) without {@code --}. */
  public static boolean isDnsLabel(String value) {
    return value.length() <= MAX_LABEL && DNS_LABEL.matcher(value).matches() && !value.contains("--");
  }

  /** Checks a sandbox name given by the caller. */
  public static void checkSandboxName(String name) {
    if (name.length() > MAX_SANDBOX_NAME) {
      throw GatewayException.invalid(
          "name '" + name + "' is too long: at most " + MAX_SANDBOX_NAME + " characters are allowed");
    }
    if (!isDnsLabel(name)) {
      throw GatewayException.invalid("name '" + name + "' is not a valid DNS-1123 label: use lowercase letters,"
          + " digits and '-', start and end with a letter or digit, and do not use '--'");
    }
  }

  /** Returns whether {@code key} is a valid label key: an optional DNS subdomain prefix and '/', then a name. */
  public static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > MAX_PREFIX || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= MAX_LABEL && LABEL_NAME.matcher(name).matches();
  }

  /** Returns whether {@code value} is a valid label value: empty, or a name of at most 63 characters. */
  public static boolean isLabelValue(String value) {
    return value.isEmpty() || value.length() <= MAX_LABEL && LABEL_NAME.matcher(value).matches();
  }

  /** Checks every label of a map; {@code field} names the map in the message. */
  public static void checkLabels(String field, Map<String, String> labels) {
    labels.forEach((key, value) -> {
      if (!isLabelKey(key)) {
        throw GatewayException.invalid(field + " key '" + key + "' is not a valid label key");
      }
      if (!isLabelValue(value)) {
        throw GatewayException.invalid(field + " value '" + value + "' of key '" + key + "' is not a valid label value");
      }
    });
  }

  /** Checks annotations: keys follow the label-key rules and values hold at most 8192 bytes. */
  public static void checkAnnotations(String field, Map<String, String> annotations) {
    annotations.forEach((key, value) -> {
      if (!isLabelKey(key)) {
        throw GatewayException.invalid(field + " key '" + key + "' is not a valid annotation key");
      }
      if (value.getBytes(StandardCharsets.UTF_8).length > MAX_ANNOTATION_VALUE) {
        throw GatewayException.invalid(
            field + " value of key '" + key + "' is too long: at most " + MAX_ANNOTATION_VALUE + " bytes are allowed");
      }
    });
  }
}
