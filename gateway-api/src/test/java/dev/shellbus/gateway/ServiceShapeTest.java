package dev.shellbus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.shellbus.gateway.v1.OpenShellProto;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gRPC path of every call is {@code /openshell.v1.OpenShell/<Rpc>}: the package, service and
 * method names and each method's streaming kind must match the gateway exactly (contract sections
 * 1 and 2), or calls fail with UNIMPLEMENTED at run time.
 */
class ServiceShapeTest {

  @Test
  void serviceIsOpenshellV1OpenShell() {
    ServiceDescriptor service = OpenShellProto.getDescriptor().findServiceByName("OpenShell");
    assertThat(service).isNotNull();
    assertThat(service.getFullName()).isEqualTo("openshell.v1.OpenShell");
  }

  @Test
  void methodsHaveTheContractNamesAndStreamingKinds() {
    ServiceDescriptor service = OpenShellProto.getDescriptor().findServiceByName("OpenShell");
    Map<String, String> kinds = service.getMethods().stream()
        .collect(Collectors.toMap(MethodDescriptor::getName, ServiceShapeTest::kind));
    assertThat(kinds).containsAllEntriesOf(Map.ofEntries(
        Map.entry("Health", "U"),
        Map.entry("GetCurrentUser", "U"),
        Map.entry("GetGatewayInfo", "U"),
        Map.entry("CreateSandbox", "U"),
        Map.entry("GetSandbox", "U"),
        Map.entry("ListSandboxes", "U"),
        Map.entry("DeleteSandbox", "U"),
        Map.entry("StopSandbox", "U"),
        Map.entry("StartSandbox", "U"),
        Map.entry("ExecSandbox", "SS"),
        Map.entry("ExecSandboxInteractive", "BIDI"),
        Map.entry("WatchSandbox", "SS"),
        Map.entry("GetSandboxLogs", "U"),
        Map.entry("ListSandboxProviders", "U"),
        Map.entry("AttachSandboxProvider", "U"),
        Map.entry("DetachSandboxProvider", "U"),
        Map.entry("ListProviders", "U"),
        Map.entry("GetProvider", "U"),
        Map.entry("CreateProvider", "U")));
  }

  @Test
  void createAndStopAndStartAnswerASandboxResponse() {
    ServiceDescriptor service = OpenShellProto.getDescriptor().findServiceByName("OpenShell");
    for (String rpc : new String[] {"CreateSandbox", "GetSandbox", "StopSandbox", "StartSandbox"}) {
      assertThat(service.findMethodByName(rpc).getOutputType().getName()).as(rpc).isEqualTo("SandboxResponse");
    }
  }

  private static String kind(MethodDescriptor m) {
    if (m.isClientStreaming() && m.isServerStreaming()) {
      return "BIDI";
    }
    return m.isServerStreaming() ? "SS" : m.isClientStreaming() ? "CS" : "U";
  }
}
