package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.validate.K8sNames;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.SandboxSpec;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names the gateway picks for creates without a name, under many concurrent clients. 1,024 live sandboxes drawn from
 * the 18,018 petnames collide about 29 times on average, so a gateway that does not draw again fails here.
 */
class DevGatewayGeneratedNamesIT {

  private static final int CLIENTS = 64;
  private static final int CREATES_PER_CLIENT = 16;
  private static final CreateSandboxRequest UNNAMED =
      CreateSandboxRequest.newBuilder().setSpec(SandboxSpec.getDefaultInstance()).build();

  private static GatewayFixture fixture;
  private static List<GatewayClient> clients;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast());
    clients = IntStream.range(0, CLIENTS).mapToObj(i -> GatewayClient.plaintext(fixture.vertx, fixture.gateway))
        .toList();
  }

  @AfterAll
  static void stop() {
    clients.forEach(GatewayClient::close);
    fixture.close();
  }

  @Test
  void concurrentUnnamedCreatesNeverFailAndGetDistinctValidNames() throws Exception {
    Queue<String> names = new ConcurrentLinkedQueue<>();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    List<Future<Void>> turns = clients.stream()
        .map(client -> createInTurn(client, CREATES_PER_CLIENT, names, failures)).toList();
    Future.all(turns).await(2, TimeUnit.MINUTES);
    assertThat(failures).isEmpty();
    assertThat(names).hasSize(CLIENTS * CREATES_PER_CLIENT).doesNotHaveDuplicates()
        .allMatch(K8sNames::isSandboxName);
  }

  @Test
  void anExplicitNameTheGatewayGeneratedEarlierStillAnswersAlreadyExists() {
    String generated = fixture.client.create("").getMetadata().getName();
    RpcFailure failure = Await.failure(fixture.client.call(OpenShellGrpcClient.CreateSandbox,
        UNNAMED.toBuilder().setName(generated).build()));
    assertThat(failure.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
    assertThat(failure.statusMessage()).isEqualTo("sandbox '" + generated + "' already exists");
  }

  /** Sends {@code remaining} unnamed creates one after the other, recording each name or failure. */
  private static Future<Void> createInTurn(GatewayClient client, int remaining, Queue<String> names,
      Queue<String> failures) {
    if (remaining == 0) {
      return Future.succeededFuture();
    }
    return client.call(OpenShellGrpcClient.CreateSandbox, UNNAMED)
        .map(created -> names.add(created.getSandbox().getMetadata().getName()))
        .recover(failure -> Future.succeededFuture(failures.add(failure.getMessage())))
        .compose(recorded -> createInTurn(client, remaining - 1, names, failures));
  }
}
