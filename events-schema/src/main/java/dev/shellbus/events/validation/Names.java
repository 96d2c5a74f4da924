package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import java.util.Map;
import java.util.regex.Pattern;

/** Syntax of ids, step names and Kubernetes-style labels. */
final class Names {

  /** Kubernetes label value, non-empty: ids become sandbox labels. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  /** Prefix of the labels the worker sets on sandboxes; callers may not use it. */
  static final String RESERVED_LABEL_PREFIX = "shellbus.dev/";

  private Names() {}

  /** Checks a required id (request, tenant, session). */
  static void id(Findings findings, String field, String value) {
    if (findings.required(field, value) && !ID.matcher(value).matches()) {
      findings.add(field, ErrorCode.INVALID_REQUEST,
          "must be 1-63 characters of [A-Za-z0-9._-], starting and ending alphanumeric");
    }
  }

  /** Checks a label map: count, Kubernetes key and value syntax, reserved prefix. */
  static void labels(Findings findings, String field, Map<String, String> labels) {
    if (labels == null || !findings.max(field, labels.size(), Limits.MAX_LABELS, "labels")) {
      return;
    }
    labels.forEach((key, value) -> {
      String f = field + "[" + key + "]";
      if (!isLabelKey(key)) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "not a Kubernetes label key ([prefix/]name, name 1-63 characters)");
      } else if (key.startsWith(RESERVED_LABEL_PREFIX)) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "the " + RESERVED_LABEL_PREFIX + " prefix is reserved");
      }
      if (value == null || !LABEL_VALUE.matcher(value).matches()) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "not a Kubernetes label value (0-63 characters of [A-Za-z0-9._-])");
      }
    });
  }

  static boolean isLabelKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean prefixOk = slash < 0 || DNS_SUBDOMAIN.matcher(key.substring(0, slash)).matches();
    return prefixOk && LABEL_NAME.matcher(name).matches();
  }
}
