package dev.shellbus.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI smoke of the generator: 30 seconds of a mixed open-model load through the command line against the embedded
 * stack (dev gateway with simulated execs, embedded S3, a worker in this JVM, the shared broker). It checks that a
 * report is produced with the expected structure and that every request got a terminal result; it never checks a
 * speed.
 */
@ExtendWith(KafkaExtension.class)
class LoadtestSmokeIT {

  @Test
  void thirtySecondsOfMixedLoadProduceACompleteReport(@BootstrapServers String bootstrap, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("report");
    int code = new CommandLine(new LoadtestMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(
        "--rate", "4", "--duration", "30s", "--mix", "job=3,session/2=1", "--timeout", "90s",
        "--bootstrap", bootstrap, "--work-dir", dir.resolve("work").toString(), "--out", out.toString());

    assertThat(code).as("exit code: 0 = every arrival finished").isZero();
    for (String file : new String[] {"report.json", "summary.txt", "report.html"}) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    JsonObject report = new JsonObject(Files.readString(out.resolve("report.json")));
    JsonObject run = report.getJsonObject("run");
    assertThat(run.getBoolean("complete")).isTrue();
    assertThat(run.getLong("arrivalsStarted")).isEqualTo(120L).isEqualTo(run.getLong("arrivalsFinished"));
    assertThat(report.getJsonObject("machine").getInteger("cores")).isPositive();
    JsonArray types = report.getJsonArray("types");
    assertThat(types.stream().map(t -> ((JsonObject) t).getString("name")))
        .contains("job", "session/2", "session/2.open", "session/2.exec", "session/2.close");
    long requests = 0;
    for (int i = 0; i < types.size(); i++) {
      JsonObject t = types.getJsonObject(i);
      assertThat(t.getJsonObject("errors").fieldNames()).as("no request without a terminal result in " + t)
          .doesNotContain("NO_RESULT", "SEND_FAILED");
      assertThat(t.getJsonObject("latencyMs").fieldNames()).contains("p50", "p90", "p99", "max");
      assertThat(t.getJsonArray("percentiles")).isNotEmpty();
      assertThat(t.getJsonArray("timeline")).isNotEmpty();
      requests += t.getString("name").contains(".") || t.getString("name").equals("job") ? t.getLong("count") : 0;
    }
    assertThat(requests).isEqualTo(run.getLong("requestsSent"));
    assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "Latency over time");
  }
}
