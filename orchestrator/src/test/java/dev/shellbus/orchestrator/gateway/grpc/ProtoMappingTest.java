package dev.shellbus.orchestrator.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.FilesystemPolicy;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPolicy;
import dev.shellbus.gateway.v1.SandboxStatus;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtoMappingTest {
  private static SandboxCreateSpec spec(Optional<byte[]> policy, Optional<Integer> gpus, Map<String, String> resources, Optional<String> driver) {
    return new SandboxCreateSpec("sb-1", "", "", Map.of(), policy, List.of(), gpus, resources, driver, Map.of("shellbus.dev/managed", "true"));
  }

  @Test
  void createAlwaysCarriesASpecAndNeverACommand() throws Exception {
    CreateSandboxRequest request = ProtoMapping.createRequest(spec(Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
    assertThat(request.hasSpec()).isTrue();
    assertThat(request.getSpec().getCommandList()).isEmpty();
    assertThat(request.getSpec().hasResourceRequirements()).isFalse();
    CreateSandboxRequest wire = CreateSandboxRequest.parseFrom(request.toByteArray());
    assertThat(wire.hasSpec()).as("an empty spec is still present on the wire").isTrue();
    assertThat(wire.getLabelsMap()).containsEntry("shellbus.dev/managed", "true");
  }

  @Test
  void createMapsImageResourcesDriverConfigPolicyAndGpus() {
    byte[] policy = SandboxPolicy.newBuilder().setVersion(1)
        .setFilesystem(FilesystemPolicy.newBuilder().addReadWrite("/work")).build().toByteArray();
    SandboxCreateSpec spec = new SandboxCreateSpec("sb-2", "team", "img:1", Map.of("A", "1"), Optional.of(policy), List.of("gitlab"),
        Optional.of(2), Map.of("cpu", "2", "memory", "4Gi"), Optional.of("{\"docker\":{\"network\":\"none\",\"shm\":64}}"), Map.of());
    CreateSandboxRequest request = ProtoMapping.createRequest(spec);
    assertThat(request.getWorkspace()).isEqualTo("team");
    assertThat(request.getSpec().getTemplate().getImage()).isEqualTo("img:1");
    assertThat(request.getSpec().getTemplate().getResources().getFieldsMap().get("memory").getStringValue()).isEqualTo("4Gi");
    assertThat(request.getSpec().getTemplate().getDriverConfig().getFieldsMap().get("docker").getStructValue()
        .getFieldsMap().get("shm").getNumberValue()).isEqualTo(64.0);
    assertThat(request.getSpec().getPolicy().getFilesystem().getReadWriteList()).containsExactly("/work");
    assertThat(request.getSpec().getResourceRequirements().getGpu().getCount()).isEqualTo(2);
    assertThat(request.getSpec().getProvidersList()).containsExactly("gitlab");
    assertThat(request.getSpec().getEnvironmentMap()).containsEntry("A", "1");
  }

  @Test
  void badDriverConfigOrPolicyIsAnInvalidRequest() {
    assertThatThrownBy(() -> ProtoMapping.createRequest(spec(Optional.empty(), Optional.empty(), Map.of(), Optional.of("[1,2"))))
        .isInstanceOfSatisfying(ShellbusException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INVALID_REQUEST));
    assertThatThrownBy(() -> ProtoMapping.createRequest(spec(Optional.of(new byte[] {(byte) 0xff, 0x01}), Optional.empty(), Map.of(), Optional.empty())))
        .isInstanceOfSatisfying(ShellbusException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INVALID_REQUEST));
  }

  @Test
  void labelSelectorIsSortedEqualityPairs() {
    assertThat(ProtoMapping.labelSelector(Map.of("b", "2", "a", "1", "shellbus.dev/managed", "true")))
        .isEqualTo("a=1,b=2,shellbus.dev/managed=true");
    assertThat(ProtoMapping.labelSelector(Map.of())).isEmpty();
  }

  @Test
  void execRequestUsesTheIdAndCarriesStdinOnlyWhenAsked() {
    SandboxHandle handle = new SandboxHandle("uuid-1", "sb-1", "");
    ExecSpec spec = new ExecSpec(List.of("cat"), "/tmp", Map.of("K", "v"), new byte[] {1, 2}, 0);
    ExecSandboxRequest plain = ProtoMapping.execRequest(handle, spec, 42, true);
    assertThat(plain.getSandboxId()).isEqualTo("uuid-1");
    assertThat(plain.getTimeoutSeconds()).isEqualTo(42);
    assertThat(plain.getStdin().toByteArray()).containsExactly(1, 2);
    assertThat(plain.getTty()).isFalse();
    assertThat(ProtoMapping.execRequest(handle, spec, 42, false).getStdin().isEmpty()).isTrue();
  }

  @Test
  void sandboxSnapshotBecomesOurInfo() {
    Sandbox sandbox = Sandbox.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setId("uuid-9").setName("sb-9").setWorkspace("default").setCreatedAtMs(7).putLabels("k", "v"))
        .setStatus(SandboxStatus.newBuilder().setPhase(dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_ERROR).setExitCode(137)
            .addConditions(SandboxCondition.newBuilder().setType("Ready").setStatus("False").setReason("MainProcessExited").setMessage("killed")))
        .build();
    SandboxInfo info = ProtoMapping.toInfo(sandbox);
    assertThat(info.handle()).isEqualTo(new SandboxHandle("uuid-9", "sb-9", "default"));
    assertThat(info.phase()).isEqualTo(SandboxPhase.ERROR);
    assertThat(info.mainExitCode()).contains(137);
    assertThat(info.readyReason()).isEqualTo("MainProcessExited");
    assertThat(info.labels()).containsEntry("k", "v");
    assertThat(ProtoMapping.describeTerminal(sandbox)).contains("ERROR", "exit code 137", "MainProcessExited", "killed");
  }
}
