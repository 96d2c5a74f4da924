package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.GetCurrentUserRequest;
import dev.shellbus.gateway.v1.GetCurrentUserResponse;
import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.HealthResponse;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.ServiceStatus;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, GetCurrentUser and bearer-token authentication (contract sections 2, 3.1, 5 and 4.12). */
@GatewayConformance
class HealthAndAuthConformanceIT {

  private ConformanceGateway gateway;
  private SandboxTracker sandboxes;

  @BeforeAll
  void setUp(ConformanceGateway gateway) {
    this.gateway = gateway;
    this.sandboxes = gateway.tracker("au");
  }

  @AfterAll
  void deleteSandboxes() {
    sandboxes.close();
  }

  @Test
  void healthAnswersHealthyAndAVersionWithoutAToken() {
    HealthResponse health = gateway.anonymous().call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance());

    assertThat(health.getStatus()).isEqualTo(ServiceStatus.SERVICE_STATUS_HEALTHY);
    assertThat(health.getVersion()).isNotBlank();
  }

  @Test
  void getCurrentUserNamesTheAuthenticatedCaller() {
    GetCurrentUserResponse user = gateway.calls().call(OpenShellGrpcClient.GetCurrentUser,
        GetCurrentUserRequest.getDefaultInstance());

    assertThat(user.getSubject()).isNotBlank();
  }

  @Test
  void callsWithoutATokenAreUnauthenticated() {
    assumeTokenAuthentication();
    GatewayCalls anonymous = gateway.anonymous();

    assertUnauthenticated(() -> anonymous.failure(OpenShellGrpcClient.GetCurrentUser,
        GetCurrentUserRequest.getDefaultInstance()), "GetCurrentUser");
    assertUnauthenticated(() -> anonymous.failure(OpenShellGrpcClient.ListSandboxes,
        ListSandboxesRequest.newBuilder().setWorkspace(gateway.settings().workspace()).build()), "ListSandboxes");
    RpcStatusException create = sandboxes.createFailure(sandboxes.request().build(), anonymous);
    assertThat(create.status()).as(create.getMessage()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    ExecOutcome exec = anonymous.exec(ExecSandboxRequest.newBuilder().setSandboxId(UUID.randomUUID().toString())
        .addCommand("true").build(), Duration.ofSeconds(30));
    assertThat(exec.status()).as(exec.toString()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
  }

  @Test
  void callsWithAWrongTokenAreUnauthenticated() {
    assumeTokenAuthentication();

    String token = gateway.token().orElseThrow();
    for (String header : new String[] {"Bearer wrong-" + UUID.randomUUID(), "Basic Y29uZm9ybWFuY2U6eA==",
        "bearer " + token, token}) {
      GatewayCalls wrong = gateway.withAuthorization(header);
      assertUnauthenticated(() -> wrong.failure(OpenShellGrpcClient.GetCurrentUser,
          GetCurrentUserRequest.getDefaultInstance()), scheme(header));
      ExecOutcome exec = wrong.exec(ExecSandboxRequest.newBuilder().setSandboxId(UUID.randomUUID().toString())
          .addCommand("true").build(), Duration.ofSeconds(30));
      assertThat(exec.status()).as(scheme(header) + ": " + exec).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
  }

  private void assumeTokenAuthentication() {
    assumeTrue(gateway.checksBearerToken(), "no " + ConformanceSettings.TOKEN + " is set, so the gateway is not"
        + " known to check bearer tokens");
  }

  /** Names the header's scheme without its secret. */
  private static String scheme(String header) {
    int space = header.indexOf(' ');
    return space < 0 ? "a bare token without a scheme" : "scheme '" + header.substring(0, space) + "'";
  }

  /** Runs a call expected to be refused; aborts when the TLS handshake already refuses a client without a cert. */
  private void assertUnauthenticated(Supplier<RpcStatusException> call, String what) {
    RpcStatusException failure;
    try {
      failure = call.get();
    } catch (GatewayUnreachable unreachable) {
      if (gateway.presentsClientCertificate()) {
        abort("the gateway refuses clients without a certificate at the TLS handshake (" + unreachable.getMessage()
            + "), so bearer-token failures cannot be observed");
      }
      throw unreachable;
    }
    assertThat(failure.status()).as(what + ": " + failure.getMessage()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
  }
}
