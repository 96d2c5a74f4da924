package dev.shellbus.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CI chaos set, through the same command line as {@code loadtest/bin/chaos}, with every part a process of its own:
 * two workers under a steady stream with four SIGKILLs, a 10 s gateway outage, 1,000 hostile records, planted secrets
 * in every seventh job, the reaper beside the workers. It fails on any hard check (a lost request, an unmarked
 * duplicate, an orphan sandbox, a stuck partition, a leaked secret, a crash); speeds are only reported. The report
 * stays in {@code target/chaos-quick-it}.
 */
class ChaosQuickIT {

  @Test
  void quickChaosSetLosesNothingAndLeaksNothing() throws Exception {
    Path out = Path.of("target", "chaos-quick-it");
    deleteTree(out);
    int code = ChaosMain.run("--out", out.toString(), "--workers", "2", "--base-port", "19500",
        "--isolation", "auto", "--secret-every", "7", "--settle", "120s", "--reaper-grace", "30s",
        "--scenario", "kill-workers:duration=36s,every=8s,rate=4",
        "--scenario", "gateway-outage:outage=10s,before=5s,after=5s,rate=2",
        "--scenario", "hostile:hostile=1000");

    assertThat(out.resolve("report.md")).isNotEmptyFile();
    JsonObject report = new JsonObject(Files.readString(out.resolve("report.json")));
    JsonArray scenarios = report.getJsonArray("scenarios");
    assertThat(scenarios).hasSize(3);
    JsonObject kills = scenarios.getJsonObject(0);
    assertThat(kills.getJsonArray("faults")).as("four SIGKILLs of a worker").hasSize(4);
    assertThat(kills.getInteger("sent")).isGreaterThan(100);
    JsonObject hostile = scenarios.getJsonObject(2);
    assertThat(hostile.getJsonObject("dlqByReason").fieldNames()).as("undecodable records are dead-lettered")
        .contains("WRONG_MAGIC", "TRUNCATED", "UNKNOWN_FINGERPRINT", "EMPTY");
    assertThat(hostile.getLong("probeMaxMs")).as("the good records behind the hostile ones got results")
        .isNotNegative();
    StringBuilder failures = new StringBuilder();
    for (int i = 0; i < scenarios.size(); i++) {
      JsonObject s = scenarios.getJsonObject(i);
      s.getJsonArray("failures").forEach(f -> failures.append(s.getString("name")).append(": ").append(f)
          .append('\n'));
    }
    assertThat(failures.toString()).as("hard checks (see " + out.resolve("report.md") + ")").isEmpty();
    assertThat(code).as("exit code").isZero();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }
}
