package dev.shellbus.devkit.gateway.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.FilesystemPolicy;
import dev.shellbus.gateway.v1.GpuResourceRequirements;
import dev.shellbus.gateway.v1.ProcessPolicy;
import dev.shellbus.gateway.v1.ResourceRequirements;
import dev.shellbus.gateway.v1.SandboxPolicy;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxTemplate;
import io.vertx.grpc.common.GrpcStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private static CreateSandboxRequest withSpec(SandboxSpec.Builder spec) {
    return CreateSandboxRequest.newBuilder().setSpec(spec).build();
  }

  private static void rejected(CreateSandboxRequest request, String messagePart) {
    assertThatThrownBy(() -> SpecValidator.checkCreate(request))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  @Test
  void specIsRequiredButMayBeEmpty() {
    rejected(CreateSandboxRequest.getDefaultInstance(), "spec is required");
    assertThatCode(() -> SpecValidator.checkCreate(withSpec(SandboxSpec.newBuilder()))).doesNotThrowAnyException();
  }

  @Test
  void environmentFollowsTheKeyAndSizeRules() {
    rejected(withSpec(SandboxSpec.newBuilder().putEnvironment("1BAD", "x")), "1BAD");
    rejected(withSpec(SandboxSpec.newBuilder().putEnvironment("OPENSHELL_TOKEN", "x")), "reserved");
    rejected(withSpec(SandboxSpec.newBuilder().putEnvironment("BIG", "x".repeat(8193))), "8192");
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 129; i++) {
      many.put("K" + i, "v");
    }
    rejected(withSpec(SandboxSpec.newBuilder().putAllEnvironment(many)), "at most 128");
    Map<String, String> heavy = new HashMap<>();
    for (int i = 0; i < 33; i++) {
      heavy.put("K" + i, "x".repeat(8000));
    }
    rejected(withSpec(SandboxSpec.newBuilder().putAllEnvironment(heavy)), "too large");
    assertThatCode(() -> SpecValidator.checkCreate(withSpec(SandboxSpec.newBuilder()
        .putEnvironment("_OK_1", "x".repeat(8192))))).doesNotThrowAnyException();
  }

  @Test
  void labelsAndAnnotationsFollowKubernetesRules() {
    rejected(CreateSandboxRequest.newBuilder().setSpec(SandboxSpec.getDefaultInstance())
        .putLabels("bad key", "v").build(), "bad key");
    rejected(CreateSandboxRequest.newBuilder().setSpec(SandboxSpec.getDefaultInstance())
        .putLabels("k", "bad value").build(), "bad value");
    rejected(CreateSandboxRequest.newBuilder().setSpec(SandboxSpec.getDefaultInstance())
        .putAnnotations("k", "x".repeat(8193)).build(), "8192");
  }

  @Test
  void templateDriverConfigBlockMustBeAnObject() {
    Struct config = Struct.newBuilder().putFields("local", Value.newBuilder().setStringValue("x").build()).build();
    rejected(withSpec(SandboxSpec.newBuilder().setTemplate(SandboxTemplate.newBuilder().setDriverConfig(config))),
        "driver_config.local");
    Struct other = Struct.newBuilder().putFields("docker", Value.newBuilder().setStringValue("x").build()).build();
    assertThatCode(() -> SpecValidator.checkCreate(withSpec(SandboxSpec.newBuilder()
        .setTemplate(SandboxTemplate.newBuilder().setDriverConfig(other))))).doesNotThrowAnyException();
  }

  @Test
  void policyMustBeSafe() {
    rejected(withSpec(SandboxSpec.newBuilder().setPolicy(SandboxPolicy.newBuilder()
        .setFilesystem(FilesystemPolicy.newBuilder().addReadWrite("/")))), "'/'");
    rejected(withSpec(SandboxSpec.newBuilder().setPolicy(SandboxPolicy.newBuilder()
        .setFilesystem(FilesystemPolicy.newBuilder().addReadOnly("relative")))), "absolute");
    rejected(withSpec(SandboxSpec.newBuilder().setPolicy(SandboxPolicy.newBuilder()
        .setFilesystem(FilesystemPolicy.newBuilder().addReadOnly("/a/../etc")))), "..");
    rejected(withSpec(SandboxSpec.newBuilder().setPolicy(SandboxPolicy.newBuilder()
        .setProcess(ProcessPolicy.newBuilder().setRunAsUser("0")))), "run_as_user");
    assertThatCode(() -> SpecValidator.checkCreate(withSpec(SandboxSpec.newBuilder().setPolicy(SandboxPolicy
        .newBuilder().setProcess(ProcessPolicy.newBuilder().setRunAsUser("sandbox").setRunAsGroup("1000"))))))
        .doesNotThrowAnyException();
  }

  @Test
  void providersAndGpuCountAreBounded() {
    SandboxSpec.Builder spec = SandboxSpec.newBuilder();
    for (int i = 0; i < 33; i++) {
      spec.addProviders("p" + i);
    }
    rejected(withSpec(spec), "at most 32");
    rejected(withSpec(SandboxSpec.newBuilder().addProviders("")), "provider name");
    rejected(withSpec(SandboxSpec.newBuilder().setResourceRequirements(ResourceRequirements.newBuilder()
        .setGpu(GpuResourceRequirements.newBuilder().setCount(0)))), "gpu.count");
  }

  @Test
  void namesAreCheckedOnlyWhenGiven() {
    rejected(CreateSandboxRequest.newBuilder().setName("Bad").setSpec(SandboxSpec.getDefaultInstance()).build(),
        "DNS-1123");
    assertThatCode(() -> SpecValidator.checkCreate(CreateSandboxRequest.newBuilder()
        .setSpec(SandboxSpec.getDefaultInstance()).build())).doesNotThrowAnyException();
  }
}
