package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.StartSandboxRequest;
import dev.shellbus.gateway.v1.StopSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** StopSandbox and StartSandbox per contract section 4.6. */
class DevGatewayStopStartIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast().stopDelay(java.time.Duration.ofMillis(300)));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static Sandbox stop(String name) {
    return Await.result(client.call(OpenShellGrpcClient.StopSandbox,
        StopSandboxRequest.newBuilder().setName(name).build())).getSandbox();
  }

  private static Sandbox start(String name) {
    return Await.result(client.call(OpenShellGrpcClient.StartSandbox,
        StartSandboxRequest.newBuilder().setName(name).build())).getSandbox();
  }

  @Test
  void stopBlocksUntilStoppedAndStartReturnsWhileStarting() {
    client.create("cycle");
    client.awaitPhase("cycle", SandboxPhase.SANDBOX_PHASE_READY);
    Sandbox stopped = stop("cycle");
    assertThat(stopped.getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_STOPPED);
    assertThat(stopped.getStatus().getConditions(0).getReason()).isEqualTo("Stopped");
    assertThat(stop("cycle").getStatus().getPhase()).as("idempotent").isEqualTo(SandboxPhase.SANDBOX_PHASE_STOPPED);

    Sandbox starting = start("cycle");
    assertThat(starting.getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_STARTING);
    assertThat(start("cycle").getStatus().getPhase()).isIn(SandboxPhase.SANDBOX_PHASE_STARTING,
        SandboxPhase.SANDBOX_PHASE_READY);
    Sandbox ready = client.awaitPhase("cycle", SandboxPhase.SANDBOX_PHASE_READY);
    assertThat(ready.getStatus().getConditions(0).getReason()).isEqualTo("DependenciesReady");
    assertThat(start("cycle").getStatus().getPhase()).as("READY as is").isEqualTo(SandboxPhase.SANDBOX_PHASE_READY);
  }

  @Test
  void concurrentStopsShareOneOutcome() {
    client.create("twice");
    client.awaitPhase("twice", SandboxPhase.SANDBOX_PHASE_READY);
    var first = client.call(OpenShellGrpcClient.StopSandbox, StopSandboxRequest.newBuilder().setName("twice").build());
    var second = client.call(OpenShellGrpcClient.StopSandbox, StopSandboxRequest.newBuilder().setName("twice").build());
    assertThat(Await.result(first).getSandbox().getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_STOPPED);
    assertThat(Await.result(second).getSandbox().getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_STOPPED);
  }

  @Test
  void wrongPhasesAnswerFailedPrecondition() {
    client.create("early");
    RpcFailure stopEarly = Await.failure(client.call(OpenShellGrpcClient.StopSandbox,
        StopSandboxRequest.newBuilder().setName("early").build()));
    assertThat(stopEarly.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(stopEarly.statusMessage()).isEqualTo("sandbox must be Ready to stop (current phase: Provisioning)");
    client.awaitPhase("early", SandboxPhase.SANDBOX_PHASE_READY);
    client.delete("early");
    RpcFailure startDeleting = Await.failure(client.call(OpenShellGrpcClient.StartSandbox,
        StartSandboxRequest.newBuilder().setName("early").build()));
    assertThat(startDeleting.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(startDeleting.statusMessage()).startsWith("sandbox must be Stopped to start");
  }

  @Test
  void deleteWhileStoppingAbortsTheStop() {
    client.create("abort-me");
    client.awaitPhase("abort-me", SandboxPhase.SANDBOX_PHASE_READY);
    var stopping = client.call(OpenShellGrpcClient.StopSandbox,
        StopSandboxRequest.newBuilder().setName("abort-me").build());
    client.awaitPhase("abort-me", SandboxPhase.SANDBOX_PHASE_STOPPING);
    client.delete("abort-me");
    RpcFailure aborted = Await.failure(stopping);
    assertThat(aborted.status()).isEqualTo(GrpcStatus.ABORTED);
  }
}
