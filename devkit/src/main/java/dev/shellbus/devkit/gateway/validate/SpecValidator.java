package dev.shellbus.devkit.gateway.validate;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxTemplate;
import java.nio.charset.StandardCharsets;

/**
 * The INVALID_ARGUMENT checks CreateSandbox runs before it touches the store (contract section 4.2, step 2).
 *
 * <p>Checks that need the store (workspace and provider existence, duplicate names) run later, in the service.
 */
public final class SpecValidator {

  /** The name of the compute driver, which selects its block of {@code template.driver_config}. */
  public static final String DRIVER = "local";
  /** The most providers one sandbox may reference. */
  public static final int MAX_PROVIDERS = 32;
  /** The longest provider name. */
  public static final int MAX_PROVIDER_NAME = 253;

  private static final int MAX_LOG_LEVEL = 32;
  private static final int MAX_IMAGE = 1024;
  private static final int MAX_RESOURCES = 64 * 1024;
  private static final int MAX_POLICY = 256 * 1024;
  private static final int MAX_ARG = 32 * 1024;

  private SpecValidator() {}

  /** Runs every request-only check of CreateSandbox. */
  public static void checkCreate(CreateSandboxRequest request) {
    if (!request.hasSpec()) {
      throw GatewayException.invalid("spec is required");
    }
    if (!request.getName().isEmpty()) {
      K8sNames.checkSandboxName(request.getName());
    }
    K8sNames.checkLabels("labels", request.getLabelsMap());
    K8sNames.checkAnnotations("annotations", request.getAnnotationsMap());
    checkSpec(request.getSpec());
  }

  private static void checkSpec(SandboxSpec spec) {
    if (spec.getLogLevel().getBytes(StandardCharsets.UTF_8).length > MAX_LOG_LEVEL) {
      throw GatewayException.invalid("spec.log_level is too long: at most " + MAX_LOG_LEVEL + " bytes are allowed");
    }
    EnvRules.check("spec.environment", spec.getEnvironmentMap());
    if (spec.hasTemplate()) {
      checkTemplate(spec.getTemplate());
    }
    if (spec.hasPolicy()) {
      if (spec.getPolicy().getSerializedSize() > MAX_POLICY) {
        throw GatewayException.invalid("spec.policy is too large: at most " + MAX_POLICY + " bytes are allowed");
      }
      PolicyValidator.check(spec.getPolicy());
    }
    checkProviderNames("spec.providers", spec.getProvidersList().size());
    for (String provider : spec.getProvidersList()) {
      checkProviderName(provider);
    }
    if (spec.hasResourceRequirements() && spec.getResourceRequirements().getGpu().hasCount()
        && spec.getResourceRequirements().getGpu().getCount() == 0) {
      throw GatewayException.invalid("spec.resource_requirements.gpu.count must be at least 1 when it is set");
    }
    for (String arg : spec.getCommandList()) {
      if (arg.indexOf('\0') >= 0) {
        throw GatewayException.invalid("spec.command must not contain NUL characters");
      }
      if (arg.getBytes(StandardCharsets.UTF_8).length > MAX_ARG) {
        throw GatewayException.invalid("spec.command argument is too long: at most " + MAX_ARG + " bytes are allowed");
      }
    }
  }

  private static void checkTemplate(SandboxTemplate template) {
    if (template.getImage().getBytes(StandardCharsets.UTF_8).length > MAX_IMAGE) {
      throw GatewayException.invalid("spec.template.image is too long: at most " + MAX_IMAGE + " bytes are allowed");
    }
    K8sNames.checkLabels("spec.template.labels", template.getLabelsMap());
    K8sNames.checkAnnotations("spec.template.annotations", template.getAnnotationsMap());
    EnvRules.check("spec.template.environment", template.getEnvironmentMap());
    if (template.hasResources() && template.getResources().getSerializedSize() > MAX_RESOURCES) {
      throw GatewayException.invalid(
          "spec.template.resources is too large: at most " + MAX_RESOURCES + " bytes are allowed");
    }
    if (template.hasDriverConfig()) {
      Struct config = template.getDriverConfig();
      Value block = config.getFieldsMap().get(DRIVER);
      if (block != null && !block.hasStructValue()) {
        throw GatewayException.invalid("spec.template.driver_config." + DRIVER + " must be an object");
      }
    }
  }

  /** Checks the number of providers a sandbox would reference. */
  public static void checkProviderNames(String field, int count) {
    if (count > MAX_PROVIDERS) {
      throw GatewayException.invalid(field + " has " + count + " entries: at most " + MAX_PROVIDERS + " are allowed");
    }
  }

  /** Checks one provider name: non-empty and at most 253 characters. */
  public static void checkProviderName(String name) {
    if (name.isEmpty()) {
      throw GatewayException.invalid("provider name is required");
    }
    if (name.length() > MAX_PROVIDER_NAME) {
      throw GatewayException.invalid("provider name is too long: at most " + MAX_PROVIDER_NAME + " characters");
    }
  }
}
