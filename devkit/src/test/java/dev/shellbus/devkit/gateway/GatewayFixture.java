package dev.shellbus.devkit.gateway;

import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Starts a dev gateway (and its Vert.x) for one test class, with fast timings and simulated exec. */
final class GatewayFixture implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final DevGateway gateway;
  final GatewayClient client;

  GatewayFixture(DevGatewayOptions.Builder options) {
    gateway = Await.result(DevGateway.start(vertx, options.build()));
    client = GatewayClient.plaintext(vertx, gateway);
  }

  /** Options for tests: 50 ms ready, 30 ms stop and delete, simulated exec. */
  static DevGatewayOptions.Builder fast() {
    return DevGatewayOptions.builder()
        .readyDelay(Duration.ofMillis(50))
        .stopDelay(Duration.ofMillis(30))
        .deleteDelay(Duration.ofMillis(30))
        .exec(ExecOptions.builder().isolation(Isolation.SIMULATED).build());
  }

  @Override
  public void close() {
    client.close();
    Await.result(gateway.stop());
    Await.result(vertx.close());
  }
}
