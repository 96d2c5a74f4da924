package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.SandboxSpec;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 1 MiB request limit of the real gateway's decoder. */
class DevGatewayLimitsIT {

  private static GatewayFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static CreateSandboxRequest ofSize(int bytes) {
    CreateSandboxRequest.Builder request = CreateSandboxRequest.newBuilder().setSpec(SandboxSpec.getDefaultInstance());
    int overhead = request.build().getSerializedSize() + 16;
    return request.putAnnotations("pad", "x".repeat(bytes - overhead)).build();
  }

  @Test
  void requestsOverOneMebibyteAnswerOutOfRange() {
    CreateSandboxRequest tooLarge = ofSize(1024 * 1024 + 100);
    assertThat(tooLarge.getSerializedSize()).isGreaterThan(1024 * 1024);
    RpcFailure failure = Await.failure(fixture.client.call(OpenShellGrpcClient.CreateSandbox, tooLarge));
    assertThat(failure.status()).isEqualTo(GrpcStatus.OUT_OF_RANGE);
    assertThat(failure.statusMessage()).startsWith("Error, decoded message length too large: found "
        + tooLarge.getSerializedSize() + " bytes");
  }

  @Test
  void requestsJustUnderTheLimitReachValidation() {
    CreateSandboxRequest justUnder = ofSize(1024 * 1024 - 64);
    assertThat(justUnder.getSerializedSize()).isLessThanOrEqualTo(1024 * 1024);
    RpcFailure failure = Await.failure(fixture.client.call(OpenShellGrpcClient.CreateSandbox, justUnder));
    assertThat(failure.status()).as("the oversized annotation is refused by validation, not by the decoder")
        .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }
}
