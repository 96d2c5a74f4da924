package dev.shellbus.orchestrator.gateway.grpc;

import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.await;
import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, TLS, mTLS and the server name override against the dev gateway. */
@DisabledIfEnvironmentVariable(named = GrpcGatewayClientIT.EXTERNAL, matches = ".+")
class GatewayAuthIT {
  private final Vertx vertx = Vertx.vertx();
  private final List<GrpcGatewayClient> clients = new ArrayList<>();
  private DevGateway gateway;
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    for (GrpcGatewayClient c : clients) {
      await(c.close());
    }
    if (gateway != null) {
      await(gateway.stop());
    }
    await(vertx.close());
  }

  private GrpcGatewayClient client(GatewayConnection connection, Optional<TokenSource> tokens) throws Exception {
    GrpcGatewayClient c = await(GrpcGatewayClient.connect(vertx, connection, tokens));
    clients.add(c);
    return c;
  }

  private static Deadline tenSeconds() {
    return Deadline.in(Duration.ofSeconds(10));
  }

  /** A token source whose cached token is stale until it is refreshed. */
  private static final class RotatingTokens implements TokenSource {
    final AtomicInteger refreshes = new AtomicInteger();
    volatile String current = "stale";

    @Override
    public Future<String> token() {
      return Future.succeededFuture(current);
    }

    @Override
    public Future<String> refresh() {
      refreshes.incrementAndGet();
      current = "s3cret";
      return Future.succeededFuture(current);
    }

    @Override
    public boolean canRefresh() {
      return true;
    }
  }

  @Test
  void bearerTokenIsSentAndRefreshedOnceAfterUnauthenticated() throws Exception {
    gateway = await(DevGateway.start(vertx, GrpcGatewayClientIT.devOptions().bearerToken("s3cret").build()));
    GatewayConnection connection = GatewayConnection.of(gateway.endpoint());

    Throwable anonymous = failureOf(client(connection, Optional.empty()).currentUser(tenSeconds()));
    assertThat(((ShellbusException) anonymous).code()).isEqualTo(FailureCode.UNAUTHENTICATED);
    await(client(connection, Optional.empty()).health(tenSeconds()));

    assertThat(await(client(connection, Optional.of(TokenSource.fixed("s3cret"))).currentUser(tenSeconds()))).isNotEmpty();

    RotatingTokens rotating = new RotatingTokens();
    GrpcGatewayClient refreshing = client(connection, Optional.of(rotating));
    assertThat(await(refreshing.currentUser(tenSeconds()))).isNotEmpty();
    assertThat(rotating.refreshes).hasValue(1);
    await(refreshing.currentUser(tenSeconds()));
    assertThat(rotating.refreshes).as("a good token is not refreshed again").hasValue(1);

    Throwable wrong = failureOf(client(connection, Optional.of(TokenSource.fixed("wrong"))).currentUser(tenSeconds()));
    assertThat(((ShellbusException) wrong).code()).as("a static token is not retried").isEqualTo(FailureCode.UNAUTHENTICATED);
  }

  @Test
  void mutualTlsWithAServerNameOverride() throws Exception {
    assumeTrue(openssl("version"), "openssl is needed to make test certificates");
    makeCertificates();
    gateway = await(DevGateway.start(vertx, GrpcGatewayClientIT.devOptions()
        .tls(dir.resolve("server.crt"), dir.resolve("server.key")).clientCa(dir.resolve("ca.crt")).build()));
    String endpoint = gateway.endpoint();
    assertThat(endpoint).startsWith("https://");
    GatewayConnection.Builder base = GatewayConnection.builder(endpoint).caPem(dir.resolve("ca.crt"))
        .clientCertificate(dir.resolve("client.crt"), dir.resolve("client.key"));

    GrpcGatewayClient good = client(base.serverName("openshell.test").build(), Optional.empty());
    await(good.health(tenSeconds()));
    assertThat(await(good.currentUser(tenSeconds()))).isEqualTo("alice");

    Throwable wrongName = failureOf(client(base.serverName(null).build(), Optional.empty()).health(tenSeconds()));
    assertThat(((ShellbusException) wrongName).code()).as("the certificate names openshell.test, not 127.0.0.1")
        .isEqualTo(FailureCode.GATEWAY_UNAVAILABLE);

    GatewayConnection noClientCert = GatewayConnection.builder(endpoint).caPem(dir.resolve("ca.crt")).serverName("openshell.test").build();
    Throwable anonymous = failureOf(client(noClientCert, Optional.empty()).health(tenSeconds()));
    assertThat(anonymous).isInstanceOf(ShellbusException.class);
  }

  private void makeCertificates() throws IOException, InterruptedException {
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:openshell.test\n");
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=shellbus-it-ca", "-days", "2");
    sign("server", "/CN=openshell.test", "server.ext");
    sign("client", "/O=shellbus/OU=openshell-user/CN=alice", null);
  }

  private void sign(String name, String subject, String ext) throws IOException, InterruptedException {
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
    if (ext != null) {
      args.addAll(List.of("-extfile", ext));
    }
    run(args.toArray(String[]::new));
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static boolean openssl(String arg) {
    try {
      return new ProcessBuilder("openssl", arg).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
