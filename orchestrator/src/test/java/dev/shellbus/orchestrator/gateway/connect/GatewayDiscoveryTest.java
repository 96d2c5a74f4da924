package dev.shellbus.orchestrator.gateway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayDiscoveryTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path home;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private GatewayDiscovery discovery(Map<String, String> env) {
    return new GatewayDiscovery(vertx.fileSystem(), env, home);
  }

  private static GatewayConnection await(Future<GatewayConnection> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<GatewayConnection> f) throws Exception {
    try {
      await(f);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private Path gateway(Path configHome, String name, String endpoint, boolean bundle) throws Exception {
    Path dir = Files.createDirectories(configHome.resolve("openshell/gateways").resolve(name));
    Files.writeString(dir.resolve("metadata.json"), "{\"gateway_endpoint\":\"" + endpoint + "\",\"auth_mode\":\"mtls\"}");
    if (bundle) {
      Path mtls = Files.createDirectories(dir.resolve("mtls"));
      for (String file : new String[] {"ca.crt", "tls.crt", "tls.key"}) {
        Files.writeString(mtls.resolve(file), "pem");
      }
    }
    return dir;
  }

  @Test
  void explicitEndpointWinsOverEverything() throws Exception {
    gateway(home.resolve(".config"), "local", "https://127.0.0.1:17670", true);
    GatewayConnection c = await(discovery(Map.of("OPENSHELL_GATEWAY", "http://10.0.0.1:1")).resolve(Optional.of("http://127.0.0.1:9000")));
    assertThat(c.endpoint().toString()).isEqualTo("http://127.0.0.1:9000");
    assertThat(c.tls()).isFalse();
    assertThat(c.source()).isEqualTo("explicit configuration");
  }

  @Test
  void envEndpointUrlIsUsedAsIs() throws Exception {
    GatewayConnection c = await(discovery(Map.of("OPENSHELL_GATEWAY", "https://gw.example:8443")).resolve(Optional.empty()));
    assertThat(c.host()).isEqualTo("gw.example");
    assertThat(c.port()).isEqualTo(8443);
    assertThat(c.tls()).isTrue();
    assertThat(c.caPem()).isEmpty();
  }

  @Test
  void envGatewayNameLoadsMetadataAndTheMtlsBundleFromXdgConfigHome() throws Exception {
    Path xdg = home.resolve("xdg");
    Path dir = gateway(xdg, "docker-dev", "https://127.0.0.1:17670", true);
    GatewayConnection c = await(discovery(Map.of("OPENSHELL_GATEWAY", "docker-dev", "XDG_CONFIG_HOME", xdg.toString())).resolve(Optional.empty()));
    assertThat(c.endpoint().toString()).isEqualTo("https://127.0.0.1:17670");
    assertThat(c.authMode()).isEqualTo("mtls");
    assertThat(c.caPem()).contains(dir.resolve("mtls/ca.crt"));
    assertThat(c.clientCertPem()).contains(dir.resolve("mtls/tls.crt"));
    assertThat(c.clientKeyPem()).contains(dir.resolve("mtls/tls.key"));
    assertThat(c.toString()).contains("docker-dev").doesNotContain("tls.key");
  }

  @Test
  void activeGatewayFileNamesTheGatewayUnderDotConfig() throws Exception {
    Path config = home.resolve(".config");
    gateway(config, "a", "http://127.0.0.1:1", false);
    gateway(config, "b", "http://127.0.0.1:2", false);
    Files.writeString(config.resolve("openshell/active_gateway"), "b\n");
    GatewayConnection c = await(discovery(Map.of()).resolve(Optional.empty()));
    assertThat(c.port()).isEqualTo(2);
  }

  @Test
  void aSingleConfiguredGatewayIsUsedWithoutAnActiveFile() throws Exception {
    gateway(home.resolve(".config"), "only", "https://127.0.0.1:17670", false);
    GatewayConnection c = await(discovery(Map.of()).resolve(Optional.empty()));
    assertThat(c.port()).isEqualTo(17670);
    assertThat(c.caPem()).isEmpty();
  }

  @Test
  void nothingConfiguredFailsNamingWhatToSet() throws Exception {
    Throwable e = failureOf(discovery(Map.of()).resolve(Optional.empty()));
    assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPENSHELL_GATEWAY").hasMessageContaining("active_gateway");
  }

  @Test
  void unknownOrMalformedGatewaysFailNamingTheFile() throws Exception {
    assertThat(failureOf(discovery(Map.of("OPENSHELL_GATEWAY", "nope")).resolve(Optional.empty()))).hasMessageContaining("metadata.json");
    assertThat(failureOf(discovery(Map.of("OPENSHELL_GATEWAY", "../etc")).resolve(Optional.empty()))).hasMessageContaining("invalid gateway name");
    Path dir = Files.createDirectories(home.resolve(".config/openshell/gateways/bad"));
    Files.writeString(dir.resolve("metadata.json"), "{\"auth_mode\":\"none\"}");
    assertThat(failureOf(discovery(Map.of("OPENSHELL_GATEWAY", "bad")).resolve(Optional.empty()))).hasMessageContaining("gateway_endpoint");
  }
}
