package dev.shellbus.orchestrator.gateway.grpc;

import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.await;
import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/** An exec stream that breaks before its exit event fails as EXEC_INTERRUPTED (retryable), never exit 0. */
@DisabledIfEnvironmentVariable(named = GrpcGatewayClientIT.EXTERNAL, matches = ".+")
class ExecInterruptedIT {

  @Test
  void aBrokenExecStreamIsInterruptedAndRetryable() throws Exception {
    Vertx vertx = Vertx.vertx();
    DevGateway gateway = await(DevGateway.start(vertx, GrpcGatewayClientIT.devOptions()
        .exec(ExecOptions.builder().isolation(Isolation.SIMULATED).breakRate(1.0).build()).build()));
    GrpcGatewayClient client = await(GrpcGatewayClient.connect(vertx, GatewayConnection.of(gateway.endpoint()), Optional.empty()));
    try {
      Deadline deadline = Deadline.in(Duration.ofSeconds(30));
      SandboxHandle sandbox = await(client.create(GrpcGatewayClientIT.spec("brk-" + GrpcGatewayClientIT.RUN), deadline)).handle();
      await(client.awaitReady(sandbox, deadline));
      Throwable failure = failureOf(client.exec(sandbox, ExecSpec.of("echo", "hi"), deadline).compose(GatewayItSupport::collect));
      assertThat(failure).isInstanceOfSatisfying(ShellbusException.class, e -> {
        assertThat(e.code()).isEqualTo(FailureCode.EXEC_INTERRUPTED);
        assertThat(e.retryable()).isTrue();
      });
    } finally {
      await(client.close());
      await(gateway.stop());
      await(vertx.close());
    }
  }
}
