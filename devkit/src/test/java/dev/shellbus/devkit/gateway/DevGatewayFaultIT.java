package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.GetCurrentUserRequest;
import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.StopSandboxRequest;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fault injection, set while the gateway runs: RPC latency and errors, stuck, flapping and crashing sandboxes. */
class DevGatewayFaultIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast());
    client = fixture.client;
  }

  @AfterEach
  void clearFaults() {
    fixture.gateway.faults(FaultOptions.none());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void latencyDelaysTheNamedRpcOnly() {
    fixture.gateway.faults(FaultOptions.builder().latency("GetCurrentUser", Duration.ofMillis(300)).build());
    long started = System.nanoTime();
    Await.result(client.call(OpenShellGrpcClient.GetCurrentUser, GetCurrentUserRequest.getDefaultInstance()));
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    started = System.nanoTime();
    Await.result(client.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(300);
  }

  @Test
  void errorRatesAreSeededAndDeterministic() {
    FaultOptions half = FaultOptions.builder().seed(7)
        .error("ListSandboxes", 0.5, GrpcStatus.UNAVAILABLE, "injected outage").build();
    List<Boolean> first = outcomes(half);
    List<Boolean> second = outcomes(half);
    assertThat(first).isEqualTo(second).contains(true, false);
    fixture.gateway.faults(FaultOptions.builder().error("*", 1.0, GrpcStatus.INTERNAL, "boom").build());
    RpcFailure failure = Await.failure(client.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()));
    assertThat(failure.status()).isEqualTo(GrpcStatus.INTERNAL);
    assertThat(failure.statusMessage()).isEqualTo("boom");
  }

  private static List<Boolean> outcomes(FaultOptions faults) {
    fixture.gateway.faults(faults);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      try {
        Await.result(client.call(OpenShellGrpcClient.ListSandboxes, ListSandboxesRequest.getDefaultInstance()));
        failed.add(false);
      } catch (RpcFailure failure) {
        assertThat(failure.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
        failed.add(true);
      }
    }
    return failed;
  }

  @Test
  void stuckSandboxesStayProvisioningUntilTheFaultIsCleared() {
    fixture.gateway.faults(FaultOptions.builder().stuckProvisioning("stuck-.*").build());
    client.create("stuck-1");
    client.create("free-1");
    client.awaitPhase("free-1", SandboxPhase.SANDBOX_PHASE_READY);
    Await.until("a few ready delays", Duration.ofSeconds(5), () -> client.get("stuck-1").getStatus().getPhase()
        == SandboxPhase.SANDBOX_PHASE_PROVISIONING && client.get("free-1").getMetadata().getCreatedAtMs()
        + 300 < System.currentTimeMillis());
    assertThat(client.get("stuck-1").getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_PROVISIONING);
    fixture.gateway.faults(FaultOptions.none());
    client.awaitPhase("stuck-1", SandboxPhase.SANDBOX_PHASE_READY);
  }

  @Test
  void flappingSandboxesDropToProvisioningAndRecover() {
    Sandbox created = client.create("flappy");
    client.awaitPhase("flappy", SandboxPhase.SANDBOX_PHASE_READY);
    GatewayClient.Watch watch = Await.result(client.watch(WatchSandboxRequest.newBuilder()
        .setId(created.getMetadata().getId()).setFollowStatus(true).build()));
    fixture.gateway.faults(FaultOptions.builder()
        .flapping("flappy", Duration.ofMillis(100), Duration.ofMillis(100)).build());
    Await.until("two flaps", () -> watch.snapshots().stream()
        .filter(s -> s.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_PROVISIONING).count() >= 2);
    SandboxCondition down = watch.snapshots().stream()
        .filter(s -> s.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_PROVISIONING).findFirst().orElseThrow()
        .getStatus().getConditions(0);
    assertThat(down.getStatus()).isEqualTo("False");
    assertThat(down.getReason()).isEqualTo("DependenciesNotReady");
    fixture.gateway.faults(FaultOptions.none());
    client.awaitPhase("flappy", SandboxPhase.SANDBOX_PHASE_READY);
    watch.call.cancel();
  }

  @Test
  void mainProcessExitIsAStickyError() {
    fixture.gateway.faults(FaultOptions.builder().mainProcessExit("crashy", Duration.ofMillis(50), 137).build());
    client.create("crashy");
    Sandbox broken = client.awaitPhase("crashy", SandboxPhase.SANDBOX_PHASE_ERROR);
    assertThat(broken.getStatus().hasExitCode()).isTrue();
    assertThat(broken.getStatus().getExitCode()).isEqualTo(137);
    assertThat(broken.getStatus().getConditions(0).getReason()).isEqualTo("MainProcessExited");
    fixture.gateway.faults(FaultOptions.none());
    RpcFailure stop = Await.failure(client.call(OpenShellGrpcClient.StopSandbox,
        StopSandboxRequest.newBuilder().setName("crashy").build()));
    assertThat(stop.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(stop.statusMessage()).isEqualTo("sandbox must be Ready to stop (current phase: Error)");
    assertThat(client.get("crashy").getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_ERROR);
    assertThat(client.delete("crashy")).isTrue();
  }
}
