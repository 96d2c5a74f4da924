package dev.shellbus.orchestrator.gateway.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.GpuResourceRequirements;
import dev.shellbus.gateway.v1.ResourceRequirements;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPolicy;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxTemplate;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Translation between our port types and the generated proto messages, in both directions. Pure
 * functions; the only place besides the client that knows the field layout.
 */
final class ProtoMapping {
  private ProtoMapping() {}

  /**
   * The CreateSandbox request. The spec is always set, even when empty (the gateway rejects a
   * missing spec), and its command never is: the sandbox keeps its default shell and every step runs
   * through exec.
   *
   * @throws ShellbusException INVALID_REQUEST when the policy bytes or driver config JSON do not parse
   */
  static CreateSandboxRequest createRequest(SandboxCreateSpec spec) {
    SandboxTemplate.Builder template = SandboxTemplate.newBuilder().setImage(spec.image());
    if (!spec.resources().isEmpty()) {
      Struct.Builder resources = Struct.newBuilder();
      new TreeMap<>(spec.resources()).forEach((k, v) -> resources.putFields(k, Value.newBuilder().setStringValue(v).build()));
      template.setResources(resources);
    }
    spec.driverConfigJson().ifPresent(json -> template.setDriverConfig(parseStruct(json)));
    SandboxSpec.Builder sandboxSpec = SandboxSpec.newBuilder()
        .putAllEnvironment(spec.environment())
        .setTemplate(template)
        .addAllProviders(spec.providers());
    spec.policy().ifPresent(bytes -> sandboxSpec.setPolicy(parsePolicy(bytes)));
    spec.gpuCount().ifPresent(count -> sandboxSpec.setResourceRequirements(
        ResourceRequirements.newBuilder().setGpu(GpuResourceRequirements.newBuilder().setCount(count))));
    return CreateSandboxRequest.newBuilder()
        .setSpec(sandboxSpec)
        .setName(spec.name() == null ? "" : spec.name())
        .setWorkspace(spec.workspace())
        .putAllLabels(spec.labels())
        .build();
  }

  /** The ExecSandbox request (also the {@code start} frame of an interactive exec). */
  static ExecSandboxRequest execRequest(SandboxHandle sandbox, ExecSpec spec, int timeoutSeconds, boolean withStdin) {
    ExecSandboxRequest.Builder b = ExecSandboxRequest.newBuilder()
        .setSandboxId(sandbox.id())
        .addAllCommand(spec.argv())
        .setWorkdir(spec.workdir())
        .putAllEnvironment(spec.environment())
        .setTimeoutSeconds(timeoutSeconds)
        .setTty(false);
    if (withStdin && spec.stdin().length > 0) {
      b.setStdin(UnsafeByteOperations.unsafeWrap(spec.stdin().clone()));
    }
    return b.build();
  }

  /** The equality-only label selector {@code k1=v1,k2=v2}, keys sorted so it is stable. */
  static String labelSelector(Map<String, String> labels) {
    return new TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** Our snapshot of a sandbox record. */
  static SandboxInfo toInfo(Sandbox sandbox) {
    SandboxHandle handle = new SandboxHandle(
        sandbox.getMetadata().getId(), sandbox.getMetadata().getName(), sandbox.getMetadata().getWorkspace());
    return new SandboxInfo(
        handle,
        phase(sandbox),
        sandbox.getMetadata().getLabelsMap(),
        sandbox.getMetadata().getCreatedAtMs(),
        sandbox.getSpec().getTemplate().getImage(),
        readyCondition(sandbox).map(SandboxCondition::getReason).orElse(""),
        sandbox.getStatus().hasExitCode() ? Optional.of(sandbox.getStatus().getExitCode()) : Optional.empty());
  }

  static SandboxPhase phase(Sandbox sandbox) {
    return switch (sandbox.getStatus().getPhase()) {
      case SANDBOX_PHASE_PROVISIONING -> SandboxPhase.PROVISIONING;
      case SANDBOX_PHASE_READY -> SandboxPhase.READY;
      case SANDBOX_PHASE_ERROR -> SandboxPhase.ERROR;
      case SANDBOX_PHASE_DELETING -> SandboxPhase.DELETING;
      case SANDBOX_PHASE_UNKNOWN -> SandboxPhase.UNKNOWN;
      case SANDBOX_PHASE_STOPPING -> SandboxPhase.STOPPING;
      case SANDBOX_PHASE_STOPPED -> SandboxPhase.STOPPED;
      case SANDBOX_PHASE_STARTING -> SandboxPhase.STARTING;
      default -> SandboxPhase.UNSPECIFIED;
    };
  }

  static Optional<SandboxCondition> readyCondition(Sandbox sandbox) {
    return sandbox.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst();
  }

  /** Why a sandbox is terminal, for the SANDBOX_FAILED message: phase, main exit code, Ready reason. */
  static String describeTerminal(Sandbox sandbox) {
    StringBuilder text = new StringBuilder("sandbox ").append(sandbox.getMetadata().getName())
        .append(" (").append(sandbox.getMetadata().getId()).append(") is ").append(phase(sandbox));
    if (sandbox.getStatus().hasExitCode()) {
      text.append(", main process exit code ").append(sandbox.getStatus().getExitCode());
    }
    readyCondition(sandbox).ifPresent(c -> {
      if (!c.getReason().isEmpty()) {
        text.append(", reason ").append(c.getReason());
      }
      if (!c.getMessage().isEmpty()) {
        text.append(": ").append(c.getMessage());
      }
    });
    return text.toString();
  }

  private static Struct parseStruct(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ShellbusException(FailureCode.INVALID_REQUEST, "driver config is not a JSON object: " + e.getMessage(), e);
    }
    return b.build();
  }

  private static SandboxPolicy parsePolicy(byte[] bytes) {
    try {
      return SandboxPolicy.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ShellbusException(FailureCode.INVALID_REQUEST, "sandbox policy is not an encoded SandboxPolicy: " + e.getMessage(), e);
    }
  }
}
