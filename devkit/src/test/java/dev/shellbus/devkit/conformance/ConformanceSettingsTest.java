package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceSettingsTest {

  @TempDir Path dir;

  @Test
  void withoutTheGatewayVariableTheDevGatewayIsUsed() {
    ConformanceSettings settings = ConformanceSettings.from(Map.of(ConformanceSettings.GATEWAY, " "));

    assertThat(settings.external()).isFalse();
    assertThat(settings.workspace()).isEmpty();
    assertThat(settings.readyTimeout()).isEqualTo(ConformanceSettings.DEV_READY_TIMEOUT);
  }

  @Test
  void anExternalTlsGatewayTakesTokenPemFilesWorkspaceAndImage() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "ca");
    Path cert = Files.writeString(dir.resolve("tls.crt"), "cert");
    Path key = Files.writeString(dir.resolve("tls.key"), "key");

    ConformanceSettings settings = ConformanceSettings.from(Map.of(
        ConformanceSettings.GATEWAY, "https://openshell.example:17670",
        ConformanceSettings.TOKEN, "very-secret-token",
        ConformanceSettings.CA, ca.toString(),
        ConformanceSettings.CERT, cert.toString(),
        ConformanceSettings.KEY, key.toString(),
        ConformanceSettings.WORKSPACE, "ci",
        ConformanceSettings.IMAGE, "ghcr.io/example/sandbox:1",
        ConformanceSettings.READY_TIMEOUT, "600"));

    assertThat(settings.gateway()).contains(URI.create("https://openshell.example:17670"));
    assertThat(settings.certPem()).contains(cert);
    assertThat(settings.workspace()).isEqualTo("ci");
    assertThat(settings.image()).contains("ghcr.io/example/sandbox:1");
    assertThat(settings.readyTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.toString()).contains("REDACTED").doesNotContain("very-secret-token");
  }

  @Test
  void unusableValuesFailNamingTheVariable() {
    assertThatThrownBy(() -> ConformanceSettings.from(Map.of(ConformanceSettings.GATEWAY, "127.0.0.1:17670")))
        .hasMessageContaining(ConformanceSettings.GATEWAY);
    assertThatThrownBy(() -> ConformanceSettings.from(Map.of(ConformanceSettings.GATEWAY, "http://127.0.0.1:1",
        ConformanceSettings.CA, dir.resolve("missing.crt").toString())))
        .hasMessageContaining(ConformanceSettings.CA);
    assertThatThrownBy(() -> ConformanceSettings.from(Map.of(ConformanceSettings.READY_TIMEOUT, "soon")))
        .hasMessageContaining(ConformanceSettings.READY_TIMEOUT);
  }

  @Test
  void pemFilesNeedAnHttpsGatewayAndCertificateAndKeyGoTogether() throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "cert");

    assertThatThrownBy(() -> ConformanceSettings.from(Map.of(ConformanceSettings.GATEWAY, "https://gw:443",
        ConformanceSettings.CERT, cert.toString()))).hasMessageContaining(ConformanceSettings.KEY);
    assertThatThrownBy(() -> ConformanceSettings.from(Map.of(ConformanceSettings.GATEWAY, "http://gw:80",
        ConformanceSettings.CA, cert.toString()))).hasMessageContaining("https://");
  }

  @Test
  void grpcMessagesArePercentDecodedWithoutTurningPlusIntoSpace() {
    assertThat(GatewayCalls.percentDecode("sandbox%20is%20not%20ready")).isEqualTo("sandbox is not ready");
    assertThat(GatewayCalls.percentDecode("a+b %zz 100%")).isEqualTo("a+b %zz 100%");
    assertThat(GatewayCalls.percentDecode("%C3%BC")).isEqualTo("ü");
  }
}
