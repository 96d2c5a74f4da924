package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.exec.ExecTarget;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.GetGatewayInfoRequest;
import dev.shellbus.gateway.v1.GetCurrentUserRequest;
import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.ServiceStatus;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, get and delete against a running dev gateway, through the generated client methods. */
class DevGatewaySandboxIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast());
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void healthInfoAndCurrentUserDescribeTheDevGateway() {
    var health = Await.result(client.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()));
    assertThat(health.getStatus()).isEqualTo(ServiceStatus.SERVICE_STATUS_HEALTHY);
    assertThat(health.getVersion()).isEqualTo(DevGatewayOptions.DEFAULT_VERSION);
    var info = Await.result(client.call(OpenShellGrpcClient.GetGatewayInfo, GetGatewayInfoRequest.getDefaultInstance()));
    assertThat(info.getComputeDriversList()).singleElement().satisfies(driver -> {
      assertThat(driver.getName()).isEqualTo("local");
      assertThat(driver.getCapabilities().getDriverName()).isEqualTo("local");
    });
    var user = Await.result(client.call(OpenShellGrpcClient.GetCurrentUser, GetCurrentUserRequest.getDefaultInstance()));
    assertThat(user.getSubject()).isEqualTo("local-dev");
  }

  @Test
  void createAnswersProvisioningWithDefaultsThenBecomesReady() {
    long started = System.nanoTime();
    Sandbox created = client.create("");
    assertThat(created.getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_PROVISIONING);
    assertThat(created.getMetadata().getId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(created.getMetadata().getName()).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?").hasSizeLessThanOrEqualTo(19);
    assertThat(created.getMetadata().getWorkspace()).isEqualTo("default");
    assertThat(created.getMetadata().getResourceVersion()).isPositive();
    assertThat(created.getSpec().getCommandList()).containsExactly("/bin/bash", "-l");
    assertThat(created.getSpec().getTty()).isTrue();
    assertThat(created.getSpec().getTemplate().getImage()).isEqualTo(DevGatewayOptions.DEFAULT_IMAGE);

    Sandbox ready = client.awaitPhase(created.getMetadata().getName(), SandboxPhase.SANDBOX_PHASE_READY);
    System.out.printf("create-to-ready (50 ms ready delay, polling GetSandbox): %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    SandboxCondition condition = ready.getStatus().getConditions(0);
    assertThat(condition.getType()).isEqualTo("Ready");
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getReason()).isEqualTo("DependenciesReady");
    assertThat(condition.getMessage()).isEqualTo("Supervisor session connected");
    assertThat(ready.getMetadata().getResourceVersion()).isGreaterThan(created.getMetadata().getResourceVersion());
    assertThat(Files.isDirectory(fixture.gateway.dataDir().resolve("sandboxes").resolve(ready.getMetadata().getId())))
        .isTrue();
  }

  @Test
  void duplicateNameAnswersAlreadyExists() {
    client.create("dup-box");
    RpcFailure failure = Await.failure(client.call(OpenShellGrpcClient.CreateSandbox,
        CreateSandboxRequest.newBuilder().setName("dup-box").setSpec(SandboxSpec.getDefaultInstance()).build()));
    assertThat(failure.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
    assertThat(failure.statusMessage()).isEqualTo("sandbox 'dup-box' already exists");
  }

  @Test
  void createValidatesTheRequest() {
    assertThat(Await.failure(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
        .setName("no-spec").build()))).satisfies(f -> {
          assertThat(f.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
          assertThat(f.statusMessage()).isEqualTo("spec is required");
        });
    assertThat(Await.failure(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
        .setName("a-name-of-twenty-chr").setSpec(SandboxSpec.getDefaultInstance()).build())).status())
        .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(Await.failure(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
        .setSpec(SandboxSpec.newBuilder().putEnvironment("OPENSHELL_X", "1")).build())).status())
        .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    RpcFailure workspace = Await.failure(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest
        .newBuilder().setWorkspace("nope").setSpec(SandboxSpec.getDefaultInstance()).build()));
    assertThat(workspace.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(workspace.statusMessage()).isEqualTo("workspace 'nope' not found");
  }

  @Test
  void deleteMarksDeletingThenRemovesRecordAndDirectory() throws Exception {
    Sandbox created = client.create("doomed");
    client.awaitPhase("doomed", SandboxPhase.SANDBOX_PHASE_READY);
    Path dir = fixture.gateway.dataDir().resolve("sandboxes").resolve(created.getMetadata().getId());
    // What a bubblewrap exec leaves: the sandbox's persistent /tmp next to its directory.
    Path tmp = ExecTarget.tmpDirectory(dir);
    Files.createDirectories(tmp);
    Files.writeString(tmp.resolve("pid"), "42");
    assertThat(client.delete("doomed")).isTrue();
    Sandbox deleting = client.get("doomed");
    assertThat(deleting.getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(deleting.getMetadata().getDeletionTimestampMs()).isPositive();
    assertThat(client.delete("doomed")).isTrue();
    client.awaitGone("doomed");
    assertThat(Files.exists(dir)).isFalse();
    assertThat(Files.exists(tmp)).isFalse();
    RpcFailure again = Await.failure(client.call(OpenShellGrpcClient.DeleteSandbox,
        dev.shellbus.gateway.v1.DeleteSandboxRequest.newBuilder().setName("doomed").build()));
    assertThat(again.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(again.statusMessage()).isEqualTo("sandbox not found");
  }
}
