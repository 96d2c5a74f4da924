package dev.shellbus.orchestrator.gateway.grpc;

import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of readiness waits over the one connection a client keeps. A waiter that cancelled its
 * watch after READY sent an RST_STREAM per sandbox; past 200 in 30 s the server's rapid-reset
 * defence answered GOAWAY ENHANCE_YOUR_CALM and every call in flight on that connection failed
 * (the "failed jobs grow with concurrency" of the first benchmark run).
 */
class ReadinessWaitsAtScaleIT {
  private static final int SANDBOXES = 320;
  private static final int BATCH = 64;

  @Test
  void moreWaitsThanTheResetBudgetAllSucceedOnOneConnection() throws Exception {
    Vertx vertx = Vertx.vertx();
    DevGateway gateway = await(DevGateway.start(vertx, GrpcGatewayClientIT.devOptions()
        .readyDelay(Duration.ofMillis(20)).deleteDelay(Duration.ofMillis(1)).build()));
    GatewayClient client = await(GrpcGatewayClient.connect(vertx, GatewayConnection.of(gateway.endpoint()), Optional.empty()));
    try {
      for (int start = 0; start < SANDBOXES; start += BATCH) {
        List<Future<SandboxPhase>> batch = new ArrayList<>();
        for (int i = start; i < start + BATCH; i++) {
          batch.add(client.create(GrpcGatewayClientIT.spec("scale-" + i + "-" + GrpcGatewayClientIT.RUN), GrpcGatewayClientIT.minute())
              .compose(created -> client.awaitReady(created.handle(), GrpcGatewayClientIT.minute()))
              .compose(ready -> delete(client, ready.handle()).map(ready.phase())));
        }
        for (Future<SandboxPhase> each : batch) {
          assertThat(await(each)).isEqualTo(SandboxPhase.READY);
        }
      }
    } finally {
      await(client.close());
      await(gateway.stop());
      await(vertx.close());
    }
  }

  private static Future<Boolean> delete(GatewayClient client, SandboxHandle sandbox) {
    return client.delete(sandbox.workspace(), sandbox.name(), GrpcGatewayClientIT.minute());
  }
}
