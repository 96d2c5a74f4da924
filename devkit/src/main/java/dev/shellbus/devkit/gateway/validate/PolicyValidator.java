package dev.shellbus.devkit.gateway.validate;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.FilesystemPolicy;
import dev.shellbus.gateway.v1.NetworkEndpoint;
import dev.shellbus.gateway.v1.NetworkPolicyRule;
import dev.shellbus.gateway.v1.ProcessPolicy;
import dev.shellbus.gateway.v1.SandboxPolicy;
import java.util.List;
import java.util.Set;

/**
 * The safety checks of a sandbox policy (contract section 3.7): absolute filesystem paths without {@code ..}, no
 * read-write root, a non-root process identity, a known Landlock mode and bounded middleware and rule lists.
 *
 * <p>The dev gateway stores the policy but enforces only one bit of it: network rules give execs the host network.
 */
public final class PolicyValidator {

  private static final int MAX_PATHS = 256;
  private static final int MAX_PATH = 4096;
  private static final int MAX_MIDDLEWARES = 10;
  private static final long MAX_ID = 4_294_967_294L;
  private static final Set<String> LANDLOCK = Set.of("", "best_effort", "hard_requirement");

  private PolicyValidator() {}

  /** Checks a policy and throws INVALID_ARGUMENT naming the first offending field. */
  public static void check(SandboxPolicy policy) {
    if (policy.hasFilesystem()) {
      checkFilesystem(policy.getFilesystem());
    }
    if (policy.hasLandlock() && !LANDLOCK.contains(policy.getLandlock().getCompatibility())) {
      throw GatewayException.invalid("spec.policy.landlock.compatibility must be best_effort or hard_requirement");
    }
    if (policy.hasProcess()) {
      checkProcess(policy.getProcess());
    }
    if (policy.getNetworkMiddlewaresCount() > MAX_MIDDLEWARES) {
      throw GatewayException.invalid(
          "spec.policy.network_middlewares has too many entries: at most " + MAX_MIDDLEWARES + " are allowed");
    }
    policy.getNetworkPoliciesMap().forEach(PolicyValidator::checkRule);
  }

  private static void checkFilesystem(FilesystemPolicy filesystem) {
    int count = filesystem.getReadOnlyCount() + filesystem.getReadWriteCount();
    if (count > MAX_PATHS) {
      throw GatewayException.invalid(
          "spec.policy.filesystem has " + count + " paths: at most " + MAX_PATHS + " are allowed");
    }
    checkPaths("spec.policy.filesystem.read_only", filesystem.getReadOnlyList());
    checkPaths("spec.policy.filesystem.read_write", filesystem.getReadWriteList());
    for (String path : filesystem.getReadWriteList()) {
      if (path.equals("/")) {
        throw GatewayException.invalid("spec.policy.filesystem.read_write must not contain '/'");
      }
    }
  }

  private static void checkPaths(String field, List<String> paths) {
    for (String path : paths) {
      if (path.length() > MAX_PATH) {
        throw GatewayException.invalid(field + " path is too long: at most " + MAX_PATH + " characters");
      }
      if (!path.startsWith("/")) {
        throw GatewayException.invalid(field + " path '" + path + "' must be absolute");
      }
      for (String part : path.split("/")) {
        if (part.equals("..")) {
          throw GatewayException.invalid(field + " path '" + path + "' must not contain '..'");
        }
      }
    }
  }

  private static void checkProcess(ProcessPolicy process) {
    checkIdentity("spec.policy.process.run_as_user", process.getRunAsUser());
    checkIdentity("spec.policy.process.run_as_group", process.getRunAsGroup());
  }

  private static void checkIdentity(String field, String value) {
    if (value.isEmpty() || value.equals("sandbox")) {
      return;
    }
    try {
      long id = Long.parseLong(value);
      if (id >= 1 && id <= MAX_ID) {
        return;
      }
    } catch (NumberFormatException notNumeric) {
      // falls through to the error below
    }
    throw GatewayException.invalid(field + " must be 'sandbox' or a numeric id from 1 to " + MAX_ID + ", got '"
        + value + "'");
  }

  private static void checkRule(String key, NetworkPolicyRule rule) {
    for (NetworkEndpoint endpoint : rule.getEndpointsList()) {
      if (endpoint.getPort() > 65535) {
        throw GatewayException.invalid("spec.policy.network_policies." + key + " has an endpoint port above 65535");
      }
      for (int port : endpoint.getPortsList()) {
        if (port < 1 || port > 65535) {
          throw GatewayException.invalid("spec.policy.network_policies." + key + " has an invalid port " + port);
        }
      }
    }
  }
}
