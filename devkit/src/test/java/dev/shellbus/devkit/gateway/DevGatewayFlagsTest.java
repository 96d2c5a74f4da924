package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.exec.Isolation;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevGatewayFlagsTest {

  @Test
  void defaultsAreTheStandalonePortOnLoopback() {
    DevGatewayOptions options = DevGatewayFlags.parse(new String[0], Map.of());
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(17670);
    assertThat(options.authenticationEnabled()).isFalse();
    assertThat(options.exec().isolation()).isEqualTo(Isolation.BUBBLEWRAP);
  }

  @Test
  void flagsFillTheOptions() {
    DevGatewayOptions options = DevGatewayFlags.parse(new String[] {"--host=0.0.0.0", "--port", "0",
        "--data-dir=/tmp/gw", "--token=t", "--isolation=simulated", "--provider=claude:claude:API_KEY",
        "--provider=git:gitlab:TOKEN=abc", "--workspace=team", "--ready-delay-ms=10",
        "--fault-latency=CreateSandbox=20", "--fault-error=*=0.5:unavailable", "--fault-stuck=stuck-.*",
        "--fault-flap=.*:1000:200", "--fault-main-exit=crash:100:137", "--fault-seed=9"},
        Map.of("API_KEY", "from-env"));
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.port()).isZero();
    assertThat(options.dataDir()).contains(Path.of("/tmp/gw"));
    assertThat(options.bearerToken()).contains("t");
    assertThat(options.exec().isolation()).isEqualTo(Isolation.SIMULATED);
    assertThat(options.providers()).extracting(ProviderConfig::name).containsExactly("claude", "git");
    assertThat(options.providers().get(0).credentials()).containsEntry("API_KEY", "from-env");
    assertThat(options.providers().get(1).credentials()).containsEntry("TOKEN", "abc");
    assertThat(options.workspaces()).containsExactly("team");
    assertThat(options.readyDelay()).isEqualTo(Duration.ofMillis(10));
    FaultOptions faults = options.faults();
    assertThat(faults.latency("CreateSandbox")).isEqualTo(Duration.ofMillis(20));
    assertThat(faults.error("GetSandbox")).hasValueSatisfying(f -> {
      assertThat(f.rate()).isEqualTo(0.5);
      assertThat(f.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    });
    assertThat(faults.stuckProvisioning("stuck-1")).isTrue();
    assertThat(faults.flapping("any")).isTrue();
    assertThat(faults.mainProcessExits("crash")).isTrue();
    assertThat(faults.mainProcessExitCode()).isEqualTo(137);
    assertThat(faults.seed()).isEqualTo(9);
    assertThat(options.toString()).doesNotContain("=t,").contains("bearerToken=REDACTED");
  }

  @Test
  void tokensMayComeFromTheEnvironment() {
    DevGatewayOptions options = DevGatewayFlags.parse(new String[0],
        Map.of("SHELLBUS_GATEWAY_TOKEN", "env-token", "SHELLBUS_GATEWAY_READ_ONLY_TOKEN", "reader"));
    assertThat(options.bearerToken()).contains("env-token");
    assertThat(options.readOnlyToken()).contains("reader");
  }

  @Test
  void badFlagsNameTheFlagButNotTheSecret() {
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--port=http"}, Map.of()))
        .hasMessageStartingWith("--port=http");
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--bogus=1"}, Map.of()))
        .hasMessageContaining("unknown flag");
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--client-ca=/ca.pem"}, Map.of()))
        .hasMessageContaining("needs TLS");
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--provider=x:y:MISSING"}, Map.of()))
        .hasMessageContaining("MISSING");
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--token=a", "--read-only-token=a"}, Map.of()))
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> DevGatewayFlags.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("needs a value");
  }
}
