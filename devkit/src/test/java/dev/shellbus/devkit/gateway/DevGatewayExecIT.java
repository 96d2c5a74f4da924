package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seam between the gateway core and the exec engine, seen from a client: exec reaches the engine through the
 * core's auth and routing, sees the store's phases, and a deleted sandbox's running execs are killed.
 */
class DevGatewayExecIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast().readyDelay(Duration.ofMillis(300))
        .exec(ExecOptions.builder().isolation(Isolation.SIMULATED).simulatedStdoutBytes(10)
            .simulatedDuration(Duration.ofMillis(20)).build()));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static GatewayClient.Stream<ExecSandboxRequest, ExecSandboxEvent> exec(String id, String... argv) {
    return Await.result(client.stream(OpenShellGrpcClient.ExecSandbox,
        ExecSandboxRequest.newBuilder().setSandboxId(id).addAllCommand(java.util.List.of(argv)).build()));
  }

  @Test
  void execNeedsAReadySandboxAndThenRuns() {
    Sandbox created = client.create("");
    String id = created.getMetadata().getId();
    var early = exec(id, "true");
    Await.until("answered", early::ended);
    assertThat(early.status).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(early.statusMessage).isEqualTo("sandbox is not ready");

    client.awaitPhase(created.getMetadata().getName(), SandboxPhase.SANDBOX_PHASE_READY);
    var run = exec(id, "echo", "hi");
    Await.until("exit", run::ended);
    assertThat(run.status).isEqualTo(GrpcStatus.OK);
    assertThat(run.messages.get(run.messages.size() - 1).hasExit()).isTrue();

    var unknown = exec("00000000-0000-4000-8000-000000000000", "true");
    Await.until("answered", unknown::ended);
    assertThat(unknown.status).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void deletingASandboxKillsItsRunningExecs() {
    try (GatewayFixture slow = new GatewayFixture(GatewayFixture.fast().exec(ExecOptions.builder()
        .isolation(Isolation.SIMULATED).simulatedDuration(Duration.ofSeconds(60)).build()))) {
      Sandbox box = slow.client.create("long-runner");
      slow.client.awaitPhase("long-runner", SandboxPhase.SANDBOX_PHASE_READY);
      var running = Await.result(slow.client.stream(OpenShellGrpcClient.ExecSandbox, ExecSandboxRequest.newBuilder()
          .setSandboxId(box.getMetadata().getId()).addCommand("sleep").addCommand("60").build()));
      long started = System.nanoTime();
      slow.client.delete("long-runner");
      Await.until("exec stream ends", Duration.ofSeconds(10), running::ended);
      System.out.printf("running exec ended %d ms after DeleteSandbox: %s %s%n",
          (System.nanoTime() - started) / 1_000_000, running.status, running.statusMessage);
      assertThat(running.status).isNotEqualTo(GrpcStatus.OK);
      assertThat(running.messages).noneMatch(ExecSandboxEvent::hasExit);
    }
  }
}
