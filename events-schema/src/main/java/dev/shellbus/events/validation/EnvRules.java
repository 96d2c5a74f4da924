package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The OpenShell environment rules: key syntax, the reserved {@code OPENSHELL_} prefix, value size and characters. */
final class EnvRules {

  static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final String RESERVED_PREFIX = "OPENSHELL_";

  private EnvRules() {}

  /** Checks the env of one command (a step or an Exec). */
  static void command(Findings findings, String field, Map<String, String> env, List<String> secretKeys) {
    entries(findings, field + ".env", env, Limits.MAX_ENV_VALUE_BYTES);
    secrets(findings, field, env, secretKeys);
  }

  /** Checks the sandbox-wide env of a SandboxSpec, which has tighter gateway limits. */
  static void sandbox(Findings findings, String field, Map<String, String> env, List<String> secretKeys) {
    if (env != null && findings.max(field + ".env", env.size(), Limits.MAX_SPEC_ENV_ENTRIES, "entries")) {
      long total = env.entrySet().stream()
          .mapToLong(e -> Utf8.length(e.getKey()) + (e.getValue() == null ? 0 : Utf8.length(e.getValue())))
          .sum();
      findings.max(field + ".env", total, Limits.MAX_SPEC_ENV_TOTAL_BYTES, "bytes of keys and values");
    }
    entries(findings, field + ".env", env, Limits.MAX_SPEC_ENV_VALUE_BYTES);
    secrets(findings, field, env, secretKeys);
  }

  private static void entries(Findings findings, String field, Map<String, String> env, int maxValueBytes) {
    if (env == null) {
      return;
    }
    env.forEach((key, value) -> {
      String f = field + "[" + key + "]";
      if (key == null || !KEY.matcher(key).matches()) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "env key must match ^[A-Za-z_][A-Za-z0-9_]*$");
      } else if (key.startsWith(RESERVED_PREFIX)) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "env keys starting with " + RESERVED_PREFIX + " are reserved");
      } else {
        findings.max(f, Utf8.length(key), Limits.MAX_ENV_KEY_BYTES, "key bytes");
      }
      if (value == null) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "env value is null");
      } else if (findings.max(f, Utf8.length(value), maxValueBytes, "value bytes")
          && value.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "env value contains NUL, CR or LF");
      }
    });
  }

  private static void secrets(Findings findings, String field, Map<String, String> env, List<String> secretKeys) {
    if (secretKeys == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < secretKeys.size(); i++) {
      String key = secretKeys.get(i);
      String f = field + ".secret_env_keys[" + i + "]";
      if (env == null || key == null || !env.containsKey(key)) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "names no key of env");
      } else if (!seen.add(key)) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "listed twice");
      }
    }
  }
}
