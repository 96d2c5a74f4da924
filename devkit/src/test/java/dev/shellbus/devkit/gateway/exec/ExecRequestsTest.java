package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ExecRequestsTest {

  private static ExecSandboxRequest.Builder valid() {
    return ExecSandboxRequest.newBuilder().setSandboxId("0f7c1d3e-1111-4a2b-9c3d-000000000001").addCommand("true");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(ExecSandboxRequest.Builder request) {
    return assertThatThrownBy(() -> ExecRequests.validate(request.build()))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
  }

  @Test
  void aMinimalRequestPasses() {
    assertThatCode(() -> ExecRequests.validate(valid().build())).doesNotThrowAnyException();
  }

  @Test
  void sandboxIdAndCommandAreRequiredInThatOrder() {
    rejects(ExecSandboxRequest.newBuilder()).hasMessage("sandbox_id is required");
    rejects(valid().clearCommand()).hasMessage("command is required");
  }

  @Test
  void argumentLimits() {
    ExecSandboxRequest.Builder many = valid();
    for (int i = 0; i < 1024; i++) {
      many.addCommand("x");
    }
    rejects(many).hasMessageContaining("1025 arguments");
    rejects(valid().addCommand("y".repeat(32 * 1024 + 1))).hasMessageContaining("argument 1");
    assertThatCode(() -> ExecRequests.validate(valid().addCommand("y".repeat(32 * 1024)).build()))
        .doesNotThrowAnyException();
    rejects(valid().addCommand("a\0b")).hasMessageContaining("NUL");
    assertThatCode(() -> ExecRequests.validate(valid().addCommand("multi\nline").build()))
        .doesNotThrowAnyException();
  }

  @Test
  void argumentSizeCountsUtf8Bytes() {
    rejects(valid().addCommand("é".repeat(16 * 1024 + 1))).hasMessageContaining("32770 bytes");
  }

  @Test
  void workdirLimits() {
    rejects(valid().setWorkdir("/" + "d".repeat(4096))).hasMessageContaining("workdir");
    rejects(valid().setWorkdir("/a\nb")).hasMessageContaining("workdir");
    rejects(valid().setWorkdir("/a\rb")).hasMessageContaining("workdir");
    rejects(valid().setWorkdir("/a\0b")).hasMessageContaining("workdir");
  }

  @Test
  void environmentKeysFollowTheRegex() {
    rejects(valid().putEnvironment("1A", "v")).hasMessageContaining("'1A'");
    rejects(valid().putEnvironment("A-B", "v")).hasMessageContaining("'A-B'");
    rejects(valid().putEnvironment("", "v")).hasMessageContaining("environment key");
    assertThatCode(() -> ExecRequests.validate(valid().putEnvironment("_a1", "v").build()))
        .doesNotThrowAnyException();
  }

  @Test
  void openshellKeysAreReservedExceptPyfunc() {
    rejects(valid().putEnvironment("OPENSHELL_SANDBOX", "0")).hasMessageContaining("reserved");
    assertThatCode(() -> ExecRequests.validate(valid().putEnvironment("OPENSHELL_PYFUNC_B64", "eA==").build()))
        .doesNotThrowAnyException();
  }

  @Test
  void environmentValueLimits() {
    rejects(valid().putEnvironment("A", "v".repeat(32 * 1024 + 1))).hasMessageContaining("32769 bytes");
    rejects(valid().putEnvironment("A", "a\nb")).hasMessageContaining("NUL, CR or LF");
    rejects(valid().putEnvironment("A", "a\rb")).hasMessageContaining("NUL, CR or LF");
    rejects(valid().putEnvironment("A", "a\0b")).hasMessageContaining("NUL, CR or LF");
  }

  @Test
  void requestsOverOneMibAreOutOfRange() {
    assertThatCode(() -> ExecRequests.checkSize(1024 * 1024)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ExecRequests.checkSize(1024 * 1024 + 1))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(GrpcStatus.OUT_OF_RANGE))
        .hasMessageStartingWith("Error, decoded message length too large");
  }
}
