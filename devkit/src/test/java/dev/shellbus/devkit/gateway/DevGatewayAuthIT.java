package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.GetCurrentUserRequest;
import dev.shellbus.gateway.v1.GetCurrentUserResponse;
import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.ServiceStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens (full and read-only) and mTLS client certificates. */
class DevGatewayAuthIT {

  @TempDir
  static Path certDir;
  private static TestCerts certs;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCerts.opensslAvailable() ? TestCerts.create(certDir) : null;
  }

  @Test
  void bearerTokenGuardsEveryRpcButHealth() {
    try (GatewayFixture fixture = new GatewayFixture(GatewayFixture.fast().bearerToken("s3cret")
        .readOnlyToken("look-only"))) {
      GatewayClient anonymous = fixture.client;
      assertThat(Await.result(anonymous.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()))
          .getStatus()).isEqualTo(ServiceStatus.SERVICE_STATUS_HEALTHY);
      RpcFailure missing = Await.failure(anonymous.call(OpenShellGrpcClient.ListSandboxes,
          ListSandboxesRequest.getDefaultInstance()));
      assertThat(missing.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
      assertThat(missing.statusMessage()).isEqualTo("missing authorization header");

      try (GatewayClient wrongScheme = GatewayClient.plaintext(fixture.vertx, fixture.gateway)
          .header("authorization", "bearer s3cret");
          GatewayClient wrongToken = GatewayClient.plaintext(fixture.vertx, fixture.gateway)
              .header("authorization", "Bearer nope");
          GatewayClient good = GatewayClient.plaintext(fixture.vertx, fixture.gateway)
              .header("authorization", "Bearer s3cret");
          GatewayClient reader = GatewayClient.plaintext(fixture.vertx, fixture.gateway)
              .header("authorization", "Bearer look-only")) {
        assertThat(Await.failure(wrongScheme.call(OpenShellGrpcClient.GetCurrentUser,
            GetCurrentUserRequest.getDefaultInstance())).status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
        assertThat(Await.failure(wrongToken.call(OpenShellGrpcClient.GetCurrentUser,
            GetCurrentUserRequest.getDefaultInstance())).status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
        assertThat(Await.result(good.call(OpenShellGrpcClient.GetCurrentUser,
            GetCurrentUserRequest.getDefaultInstance())).getSubject()).isEqualTo("bearer");
        assertThat(Await.result(good.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
            .setSpec(SandboxSpec.getDefaultInstance()).build())).hasSandbox()).isTrue();

        assertThat(Await.result(reader.call(OpenShellGrpcClient.ListSandboxes,
            ListSandboxesRequest.getDefaultInstance())).getSandboxesCount()).isEqualTo(1);
        RpcFailure denied = Await.failure(reader.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest
            .newBuilder().setSpec(SandboxSpec.getDefaultInstance()).build()));
        assertThat(denied.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
      }
    }
  }

  @Test
  void clientCertificateIsRequiredAtTheHandshakeAndNamesThePrincipal() {
    assumeTrue(certs != null, "openssl is needed to make test certificates");
    try (GatewayFixture fixture = new GatewayFixture(GatewayFixture.fast()
        .tls(certs.serverCert, certs.serverKey).clientCa(certs.caCert))) {
      assertThat(fixture.gateway.endpoint()).startsWith("https://127.0.0.1:");
      try (GatewayClient withCert = tlsClient(fixture.vertx, fixture.gateway, certs, true);
          GatewayClient withoutCert = tlsClient(fixture.vertx, fixture.gateway, certs, false)) {
        GetCurrentUserResponse user = Await.result(withCert.call(OpenShellGrpcClient.GetCurrentUser,
            GetCurrentUserRequest.getDefaultInstance()));
        assertThat(user.getSubject()).isEqualTo("alice");
        assertThat(user.getRolesList()).containsExactly("openshell-user", "ops");
        assertThat(user.getIdentityProvider()).isEqualTo("mtls");
        long started = System.nanoTime();
        Throwable refused = catchThrowable(() -> Await.result(withoutCert.call(OpenShellGrpcClient.Health,
            HealthRequest.getDefaultInstance())));
        System.out.printf("without a client certificate even Health fails (%d ms): %s%n",
            (System.nanoTime() - started) / 1_000_000, refused);
        assertThat(refused).as("no client certificate, no handshake").isNotNull().isNotInstanceOf(
            AssertionError.class).isNotInstanceOf(RpcFailure.class);
      }
    }
  }

  @Test
  void tokenWithClientCaAcceptsEitherCredential() {
    assumeTrue(certs != null, "openssl is needed to make test certificates");
    try (GatewayFixture fixture = new GatewayFixture(GatewayFixture.fast().bearerToken("s3cret")
        .tls(certs.serverCert, certs.serverKey).clientCa(certs.caCert));
        GatewayClient withCert = tlsClient(fixture.vertx, fixture.gateway, certs, true);
        GatewayClient tokenOnly = tlsClient(fixture.vertx, fixture.gateway, certs, false)
            .header("authorization", "Bearer s3cret");
        GatewayClient neither = tlsClient(fixture.vertx, fixture.gateway, certs, false)) {
      assertThat(Await.result(withCert.call(OpenShellGrpcClient.GetCurrentUser,
          GetCurrentUserRequest.getDefaultInstance())).getSubject()).isEqualTo("alice");
      assertThat(Await.result(tokenOnly.call(OpenShellGrpcClient.GetCurrentUser,
          GetCurrentUserRequest.getDefaultInstance())).getSubject()).isEqualTo("bearer");
      assertThat(Await.result(neither.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()))
          .getStatus()).isEqualTo(ServiceStatus.SERVICE_STATUS_HEALTHY);
      RpcFailure missing = Await.failure(neither.call(OpenShellGrpcClient.GetCurrentUser,
          GetCurrentUserRequest.getDefaultInstance()));
      assertThat(missing.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
  }

  private static GatewayClient tlsClient(Vertx vertx, DevGateway gateway, TestCerts certs, boolean clientCert) {
    HttpClientOptions http = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true)
        .setUseAlpn(true).setTrustOptions(new PemTrustOptions().addCertPath(certs.caCert.toString()));
    if (clientCert) {
      http.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certs.clientCert.toString())
          .setKeyPath(certs.clientKey.toString()));
    }
    return new GatewayClient(vertx, gateway.address(), http);
  }
}
