package dev.shellbus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.shellbus.gateway.v1.AttachSandboxProviderRequest;
import dev.shellbus.gateway.v1.ComputeDriverCapabilities;
import dev.shellbus.gateway.v1.ComputeDriverInfo;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.DeleteSandboxResponse;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxExit;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.ExecSandboxStderr;
import dev.shellbus.gateway.v1.ExecSandboxStdout;
import dev.shellbus.gateway.v1.ExecSandboxWindowResize;
import dev.shellbus.gateway.v1.GetGatewayInfoResponse;
import dev.shellbus.gateway.v1.GetSandboxLogsRequest;
import dev.shellbus.gateway.v1.GetSandboxLogsResponse;
import dev.shellbus.gateway.v1.GpuResourceRequirements;
import dev.shellbus.gateway.v1.HealthResponse;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.Provider;
import dev.shellbus.gateway.v1.ResourceRequirements;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxLogLine;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxStatus;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.SandboxTemplate;
import dev.shellbus.gateway.v1.ServiceStatus;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins our proto subset to the upstream wire format: each message is encoded with the generated
 * classes and compared with bytes computed by hand from the field numbers and types recorded in
 * shared/openshell-contract.md section 3. A renumbered field, a changed type (say int32 to
 * uint64, or string to bytes of a different tag) or a lost {@code optional} changes the bytes.
 *
 * <p>Tag byte = (field number << 3) | wire type, with wire type 0 for varints and 2 for
 * length-delimited values; two-byte tags appear for field numbers of 16 and above.
 */
class WireEncodingTest {

  private static String hex(MessageLite message) {
    return HexFormat.of().formatHex(message.toByteArray());
  }

  @Test
  void healthResponseCarriesStatusThenVersion() {
    HealthResponse m = HealthResponse.newBuilder().setStatus(ServiceStatus.SERVICE_STATUS_HEALTHY).setVersion("v").build();
    // 1: varint 1 | 2: "v"
    assertThat(hex(m)).isEqualTo("0801" + "120176");
  }

  @Test
  void objectMetaFieldNumbers() {
    ObjectMeta m = ObjectMeta.newBuilder()
        .setId("i").setName("n").setCreatedAtMs(300).putLabels("k", "v")
        .setResourceVersion(2).putAnnotations("a", "b").setWorkspace("w").setDeletionTimestampMs(1)
        .build();
    assertThat(hex(m)).isEqualTo(
        "0a0169" // 1 id
            + "12016e" // 2 name
            + "18ac02" // 3 created_at_ms = 300 (varint ac 02)
            + "2206" + "0a016b" + "120176" // 4 labels entry {k: v}
            + "2802" // 5 resource_version
            + "3206" + "0a0161" + "120162" // 6 annotations entry {a: b}
            + "3a0177" // 7 workspace
            + "4001"); // 8 deletion_timestamp_ms
  }

  @Test
  void sandboxSpecFieldNumbersAndReservedGaps() {
    SandboxSpec m = SandboxSpec.newBuilder()
        .setLogLevel("d")
        .putEnvironment("K", "V")
        .setTemplate(SandboxTemplate.newBuilder().setImage("i"))
        .addProviders("p")
        .setResourceRequirements(ResourceRequirements.newBuilder().setGpu(GpuResourceRequirements.newBuilder().setCount(0)))
        .addCommand("c")
        .setTty(true)
        .build();
    assertThat(hex(m)).isEqualTo(
        "0a0164" // 1 log_level
            + "2a06" + "0a014b" + "120156" // 5 environment {K: V}
            + "3203" + "0a0169" // 6 template { image }
            + "420170" // 8 providers
            + "4a04" + "0a02" + "0800" // 9 resource_requirements { gpu { optional count = 0 (presence kept) } }
            + "620163" // 12 command
            + "6801"); // 13 tty
    assertThat(SandboxSpec.getDescriptor().getFields()).noneMatch(f -> f.getNumber() >= 2 && f.getNumber() <= 4);
    assertThat(SandboxSpec.getDescriptor().getFields()).noneMatch(f -> f.getNumber() == 10 || f.getNumber() == 11);
  }

  @Test
  void sandboxTemplateOptionalAndStructFields() {
    SandboxTemplate m = SandboxTemplate.newBuilder()
        .setRuntimeClassName("r").setAgentSocket("s").setUserNamespaces(false)
        .setDriverConfig(com.google.protobuf.Struct.getDefaultInstance())
        .build();
    // 2 runtime_class_name | 3 agent_socket | 10 optional user_namespaces=false kept | 11 driver_config empty Struct
    assertThat(hex(m)).isEqualTo("120172" + "1a0173" + "5000" + "5a00");
  }

  @Test
  void sandboxStatusPhaseAndOptionalExitCode() {
    SandboxStatus m = SandboxStatus.newBuilder()
        .setSandboxName("s")
        .addConditions(SandboxCondition.newBuilder().setType("Ready").setStatus("True").setReason("r").setMessage("m").setLastTransitionTime("t"))
        .setPhase(SandboxPhase.SANDBOX_PHASE_READY)
        .setCurrentPolicyVersion(1)
        .setMainProcessInstanceId("x")
        .setExitCode(0)
        .build();
    assertThat(hex(m)).isEqualTo(
        "0a0173" // 1 sandbox_name
            + "2a16" + "0a055265616479" + "120454727565" + "1a0172" + "22016d" + "2a0174" // 5 conditions
            + "3002" // 6 phase READY = 2
            + "3801" // 7 current_policy_version
            + "420178" // 8 main_process_instance_id
            + "4800"); // 9 optional exit_code = 0, presence kept
  }

  @Test
  void sandboxPhaseNumbers() {
    assertThat(SandboxPhase.SANDBOX_PHASE_PROVISIONING.getNumber()).isEqualTo(1);
    assertThat(SandboxPhase.SANDBOX_PHASE_READY.getNumber()).isEqualTo(2);
    assertThat(SandboxPhase.SANDBOX_PHASE_ERROR.getNumber()).isEqualTo(3);
    assertThat(SandboxPhase.SANDBOX_PHASE_DELETING.getNumber()).isEqualTo(4);
    assertThat(SandboxPhase.SANDBOX_PHASE_UNKNOWN.getNumber()).isEqualTo(5);
    assertThat(SandboxPhase.SANDBOX_PHASE_STOPPING.getNumber()).isEqualTo(6);
    assertThat(SandboxPhase.SANDBOX_PHASE_STOPPED.getNumber()).isEqualTo(7);
    assertThat(SandboxPhase.SANDBOX_PHASE_STARTING.getNumber()).isEqualTo(8);
  }

  @Test
  void sandboxKeepsNumbersFourAndFiveReserved() {
    Sandbox m = Sandbox.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setId("i"))
        .setSpec(SandboxSpec.getDefaultInstance())
        .setStatus(SandboxStatus.newBuilder().setPhase(SandboxPhase.SANDBOX_PHASE_PROVISIONING))
        .build();
    assertThat(hex(m)).isEqualTo("0a03" + "0a0169" + "1200" + "1a02" + "3001");
    var reserved = Sandbox.getDescriptor().toProto().getReservedRangeList();
    assertThat(reserved).anyMatch(r -> r.getStart() <= 4 && r.getEnd() > 4);
    assertThat(reserved).anyMatch(r -> r.getStart() <= 5 && r.getEnd() > 5);
  }

  @Test
  void createSandboxRequestSerialisesAnEmptySpecAsPresent() {
    CreateSandboxRequest m = CreateSandboxRequest.newBuilder()
        .setSpec(SandboxSpec.getDefaultInstance())
        .setName("n").putLabels("k", "v").putAnnotations("a", "b").setWorkspace("w")
        .build();
    assertThat(hex(m)).isEqualTo(
        "0a00" // 1 spec, empty but present (the server requires it)
            + "12016e" // 2 name
            + "1a06" + "0a016b" + "120176" // 3 labels
            + "2206" + "0a0161" + "120162" // 4 annotations
            + "2a0177"); // 5 workspace
  }

  @Test
  void listSandboxesRequestFieldNumbers() {
    ListSandboxesRequest m = ListSandboxesRequest.newBuilder()
        .setLimit(1000).setOffset(5).setLabelSelector("a=b").setWorkspace("w").setAllWorkspaces(true).build();
    assertThat(hex(m)).isEqualTo("08e807" + "1005" + "1a03613d62" + "220177" + "2801");
  }

  @Test
  void execSandboxRequestFieldNumbers() {
    ExecSandboxRequest m = ExecSandboxRequest.newBuilder()
        .setSandboxId("a").addCommand("ls").setWorkdir("/").putEnvironment("K", "V")
        .setTimeoutSeconds(7).setStdin(ByteString.copyFrom(new byte[] {1})).setTty(true).setCols(80).setRows(24)
        .build();
    assertThat(hex(m)).isEqualTo(
        "0a0161" // 1 sandbox_id
            + "12026c73" // 2 command
            + "1a012f" // 3 workdir
            + "2206" + "0a014b" + "120156" // 4 environment
            + "2807" // 5 timeout_seconds
            + "320101" // 6 stdin bytes
            + "3801" // 7 tty
            + "4050" // 8 cols = 80
            + "4818"); // 9 rows = 24
  }

  @Test
  void execEventsAreAOneofOfStdoutStderrExit() {
    assertThat(hex(ExecSandboxEvent.newBuilder().setStdout(ExecSandboxStdout.newBuilder().setData(ByteString.copyFromUtf8("o"))).build()))
        .isEqualTo("0a03" + "0a016f");
    assertThat(hex(ExecSandboxEvent.newBuilder().setStderr(ExecSandboxStderr.newBuilder().setData(ByteString.copyFromUtf8("e"))).build()))
        .isEqualTo("1203" + "0a0165");
    // exit_code is int32: -1 is a ten-byte varint (sint32 would be one byte, uint32 would be five)
    assertThat(hex(ExecSandboxEvent.newBuilder().setExit(ExecSandboxExit.newBuilder().setExitCode(-1)).build()))
        .isEqualTo("1a0b" + "08ffffffffffffffffff01");
    assertThat(hex(ExecSandboxEvent.newBuilder().setExit(ExecSandboxExit.newBuilder().setExitCode(124)).build()))
        .isEqualTo("1a02" + "087c");
  }

  @Test
  void execInputIsAOneofOfStartStdinResize() {
    assertThat(hex(ExecSandboxInput.newBuilder().setStart(ExecSandboxRequest.newBuilder().setSandboxId("a")).build()))
        .isEqualTo("0a03" + "0a0161");
    assertThat(hex(ExecSandboxInput.newBuilder().setStdin(ByteString.copyFromUtf8("x")).build())).isEqualTo("120178");
    assertThat(hex(ExecSandboxInput.newBuilder().setResize(ExecSandboxWindowResize.newBuilder().setCols(1).setRows(2)).build()))
        .isEqualTo("1a04" + "0801" + "1002");
  }

  @Test
  void watchSandboxRequestFieldNumbers() {
    WatchSandboxRequest m = WatchSandboxRequest.newBuilder()
        .setId("i").setFollowStatus(true).setFollowLogs(true).setFollowEvents(true)
        .setLogTailLines(3).setEventTail(4).setStopOnTerminal(true).setLogSinceMs(5)
        .addLogSources("s").setLogMinLevel("I")
        .build();
    assertThat(hex(m)).isEqualTo("0a0169" + "1001" + "1801" + "2001" + "2803" + "3004" + "3801" + "4005" + "4a0173" + "520149");
  }

  @Test
  void sandboxStreamEventPayloadNumbers() {
    assertThat(hex(SandboxStreamEvent.newBuilder().setSandbox(Sandbox.getDefaultInstance()).build())).isEqualTo("0a00");
    assertThat(hex(SandboxStreamEvent.newBuilder().setLog(SandboxLogLine.newBuilder().setSandboxId("i").setTimestampMs(1)
        .setLevel("l").setTarget("t").setMessage("m").setSource("s").putFields("f", "g")).build()))
        .isEqualTo("1219" + "0a0169" + "1001" + "1a016c" + "220174" + "2a016d" + "320173" + "3a06" + "0a0166" + "120167");
    assertThat(hex(SandboxStreamEvent.newBuilder().setEvent(PlatformEvent.newBuilder().setTimestampMs(1).setType("W")).build()))
        .isEqualTo("1a05" + "0801" + "1a0157");
  }

  @Test
  void logsRequestAndResponseFieldNumbers() {
    GetSandboxLogsRequest req = GetSandboxLogsRequest.newBuilder()
        .setSandboxId("i").setLines(2).setSinceMs(3).addSources("s").setMinLevel("m").setWorkspace("w").build();
    assertThat(hex(req)).isEqualTo("0a0169" + "1002" + "1803" + "220173" + "2a016d" + "320177");
    GetSandboxLogsResponse resp = GetSandboxLogsResponse.newBuilder().addLogs(SandboxLogLine.getDefaultInstance()).setBufferTotal(9).build();
    assertThat(hex(resp)).isEqualTo("0a00" + "1009");
  }

  @Test
  void providerMessagesFieldNumbers() {
    AttachSandboxProviderRequest attach = AttachSandboxProviderRequest.newBuilder()
        .setSandboxName("s").setProviderName("p").setExpectedResourceVersion(3).setWorkspace("w").build();
    assertThat(hex(attach)).isEqualTo("0a0173" + "120170" + "1803" + "220177");
    Provider provider = Provider.newBuilder().setType("t").putCredentials("k", "v").putConfig("c", "d")
        .putCredentialExpiresAtMs("k", 1).setProfileWorkspace("w").build();
    assertThat(hex(provider)).isEqualTo(
        "120174" + "1a06" + "0a016b" + "120176" + "2206" + "0a0163" + "120164" + "2a05" + "0a016b" + "1001" + "320177");
  }

  @Test
  void gatewayInfoAndDeleteResponses() {
    GetGatewayInfoResponse info = GetGatewayInfoResponse.newBuilder()
        .setStatus(ServiceStatus.SERVICE_STATUS_HEALTHY).setGatewayVersion("v")
        .addComputeDrivers(ComputeDriverInfo.newBuilder().setName("l")
            .setCapabilities(ComputeDriverCapabilities.newBuilder().setDriverName("d").setDriverVersion("1")))
        .build();
    assertThat(hex(info)).isEqualTo("0801" + "120176" + "1a0b" + "0a016c" + "1206" + "0a0164" + "120131");
    assertThat(hex(DeleteSandboxResponse.newBuilder().setDeleted(true).build())).isEqualTo("0801");
  }
}
