package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.EncodedPolicy;
import dev.shellbus.events.v1.NamedPolicy;
import dev.shellbus.events.v1.SandboxSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for a SandboxSpec, mirroring what the OpenShell gateway would reject, so requests fail before any RPC. */
final class SpecRules {

  private static final Pattern RESOURCE_KEY = Pattern.compile("[a-z0-9][a-z0-9./-]{0,62}");
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  private SpecRules() {}

  static void check(Findings findings, String field, SandboxSpec spec) {
    if (spec == null) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "required");
      return;
    }
    String image = spec.getImage();
    if (image != null && (image.isEmpty() || image.length() > Limits.MAX_IMAGE_LENGTH
        || image.chars().anyMatch(c -> Utf8.isControl(c) || Character.isWhitespace(c)))) {
      findings.add(field + ".image", ErrorCode.INVALID_REQUEST,
          "1-" + Limits.MAX_IMAGE_LENGTH + " characters without whitespace, or null for the default image");
    }
    EnvRules.sandbox(findings, field, spec.getEnv(), spec.getSecretEnvKeys());
    policy(findings, field + ".policy", spec.getPolicy());
    providers(findings, field + ".providers", spec.getProviders());
    if (spec.getGpuCount() != null && spec.getGpuCount() < 1) {
      findings.add(field + ".gpu_count", ErrorCode.INVALID_REQUEST, "must be at least 1, or null for no GPU");
    }
    resources(findings, field + ".resources", spec.getResources());
    String config = spec.getDriverConfig();
    if (config != null && findings.max(field + ".driver_config", Utf8.length(config), Limits.MAX_DRIVER_CONFIG_BYTES,
        "bytes") && !(config.strip().startsWith("{") && config.strip().endsWith("}"))) {
      findings.add(field + ".driver_config", ErrorCode.INVALID_REQUEST, "must be a JSON object keyed by driver name");
    }
    Names.labels(findings, field + ".labels", spec.getLabels());
  }

  private static void policy(Findings findings, String field, Object policy) {
    if (policy instanceof EncodedPolicy encoded) {
      long size = encoded.getProtobuf() == null ? 0 : encoded.getProtobuf().remaining();
      if (size == 0) {
        findings.add(field + ".protobuf", ErrorCode.INVALID_REQUEST, "empty; use null for the default policy");
      }
      findings.max(field + ".protobuf", size, Limits.MAX_POLICY_BYTES, "bytes");
    } else if (policy instanceof NamedPolicy named) {
      String name = named.getName();
      if (name == null || !POLICY_NAME.matcher(name).matches()) {
        findings.add(field + ".name", ErrorCode.INVALID_REQUEST, "1-253 characters of [A-Za-z0-9._-]");
      }
    } else if (policy != null) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "must be EncodedPolicy, NamedPolicy or null");
    }
  }

  private static void providers(Findings findings, String field, List<String> providers) {
    if (providers == null || !findings.max(field, providers.size(), Limits.MAX_PROVIDERS, "providers")) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < providers.size(); i++) {
      String p = providers.get(i);
      if (p == null || p.isEmpty() || p.length() > 253 || p.chars().anyMatch(c -> Utf8.isControl(c) || c == ' ')) {
        findings.add(field + "[" + i + "]", ErrorCode.INVALID_REQUEST, "1-253 characters without spaces");
      } else if (!seen.add(p)) {
        findings.add(field + "[" + i + "]", ErrorCode.INVALID_REQUEST, "listed twice");
      }
    }
  }

  private static void resources(Findings findings, String field, Map<String, String> resources) {
    if (resources == null || !findings.max(field, resources.size(), Limits.MAX_RESOURCES, "entries")) {
      return;
    }
    resources.forEach((key, value) -> {
      boolean keyOk = key != null && RESOURCE_KEY.matcher(key).matches();
      boolean valueOk = value != null && !value.isEmpty() && value.length() <= 64
          && value.chars().noneMatch(c -> Utf8.isControl(c) || Character.isWhitespace(c));
      if (!keyOk || !valueOk) {
        findings.add(field + "[" + key + "]", ErrorCode.INVALID_REQUEST,
            "key 1-63 of [a-z0-9./-], value 1-64 characters without whitespace");
      }
    });
  }
}
