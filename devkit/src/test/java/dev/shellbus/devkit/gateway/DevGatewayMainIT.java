package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.ServiceStatus;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone main in its own JVM: prints its endpoint, serves, and stops cleanly on SIGTERM. */
class DevGatewayMainIT {

  @Test
  void mainServesAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        DevGatewayMain.class.getName(), "--port=0", "--isolation=simulated", "--data-dir=" + dataDir))
        .redirectErrorStream(true).start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("dev gateway listening on http://127\\.0\\.0\\.1:(\\d+)");
      int port = -1;
      while (port < 0) {
        String line = output.readLine();
        if (line == null) {
          break;
        }
        Matcher matcher = listening.matcher(line);
        if (matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
        }
      }
      assertThat(port).as("the main prints its endpoint").isPositive();
      Vertx vertx = Vertx.vertx();
      try (GatewayClient client = new GatewayClient(vertx, SocketAddress.inetSocketAddress(port, "127.0.0.1"),
          null)) {
        assertThat(Await.result(client.call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance()))
            .getStatus()).isEqualTo(ServiceStatus.SERVICE_STATUS_HEALTHY);
        client.create("main-box");
      } finally {
        Await.result(vertx.close());
      }
      long stopping = System.nanoTime();
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops within 20 s of SIGTERM").isTrue();
      System.out.printf("the main stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
      assertThat(Files.isDirectory(dataDir.resolve("sandboxes"))).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }
}
