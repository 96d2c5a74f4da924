package dev.shellbus.loadtest.chaos;

import dev.shellbus.loadtest.chaos.check.Findings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@code report.json} and {@code report.md}: per scenario its parameters, faults, hard checks and figures. */
final class ChaosReport {

  private ChaosReport() {}

  static void write(Path out, JsonObject run, List<ScenarioRun.Outcome> outcomes) throws IOException {
    Files.createDirectories(out);
    JsonArray scenarios = new JsonArray();
    outcomes.forEach(o -> scenarios.add(json(o)));
    JsonObject report = run.copy().put("passed", outcomes.stream().allMatch(o -> o.findings().passed()))
        .put("scenarios", scenarios);
    Files.writeString(out.resolve("report.json"), report.encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("report.md"), markdown(report, outcomes), StandardCharsets.UTF_8);
  }

  private static JsonObject json(ScenarioRun.Outcome o) {
    Findings f = o.findings();
    return new JsonObject()
        .put("name", o.spec().name())
        .put("params", new JsonObject(Map.copyOf(o.spec().params())))
        .put("prefix", o.topics().prefix())
        .put("faults", new JsonArray(o.faults()))
        .put("durationMs", o.durationMs())
        .put("passed", f.passed())
        .put("failures", new JsonArray(f.failures()))
        .put("sent", f.sent())
        .put("lost", f.lost().size())
        .put("lostIds", new JsonArray(f.lost().stream().limit(50).toList()))
        .put("unmarkedDuplicates", f.unmarkedDuplicates().size())
        .put("markedDuplicates", f.markedDuplicates())
        .put("requestsWithStepInSeveralAttempts", f.stepsInSeveralAttempts().size())
        .put("sandboxesWithoutDeletedEvent", f.sandboxesWithoutDeleted().size())
        .put("sandboxesWithoutDeletedEventSample", new JsonArray(f.sandboxesWithoutDeleted().stream().limit(20)
            .toList()))
        .put("orphanSandboxes", new JsonObject(Map.copyOf(f.orphans())))
        .put("stuckPartitions", new JsonObject(stringKeys(f.stuckPartitions())))
        .put("recoveryMs", f.recoveryMs())
        .put("resultsByStatus", new JsonObject(Map.copyOf(f.byStatus())))
        .put("resultsByError", new JsonObject(Map.copyOf(f.byError())))
        .put("dlqByReason", new JsonObject(Map.copyOf(f.dlqReasons())))
        .put("dlqByKindAndReason", new JsonObject(Map.copyOf(f.dlqByKind())))
        .put("dlqDuplicates", f.dlqDuplicates())
        .put("hostileResults", new JsonObject(Map.copyOf(f.hostileResults())))
        .put("hostileUnaccounted", f.hostileUnaccounted())
        .put("probeMaxMs", f.probeMaxMs())
        .put("workerLogBytes", new JsonObject(Map.copyOf(f.logBytes())))
        .put("crashes", new JsonArray(f.crashes()))
        .put("secretsFound", new JsonArray(f.secretHits().stream().limit(200).toList()))
        .put("secretsFoundCount", f.secretHits().size());
  }

  private static Map<String, Object> stringKeys(Map<Integer, Long> m) {
    Map<String, Object> s = new java.util.TreeMap<>();
    m.forEach((k, v) -> s.put(Integer.toString(k), v));
    return s;
  }

  private static String markdown(JsonObject report, List<ScenarioRun.Outcome> outcomes) {
    StringBuilder b = new StringBuilder("# shellbus chaos report\n\n");
    b.append("Run `").append(report.getString("runId")).append("`, ").append(report.getString("started"))
        .append(", isolation `").append(report.getString("isolation")).append("`, ")
        .append(report.getInteger("workers")).append(" workers, reaper ").append(report.getBoolean("reaper"))
        .append(". Verdict: **").append(report.getBoolean("passed") ? "PASSED" : "FAILED").append("**.\n\n");
    b.append("| scenario | sent | lost | unmarked dup | marked dup | orphans | stuck | secrets | crashes"
        + " | multi-attempt steps | no DELETED | recovery s | verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScenarioRun.Outcome o : outcomes) {
      Findings f = o.findings();
      b.append("| ").append(o.spec().name()).append(" | ").append(f.sent()).append(" | ").append(f.lost().size())
          .append(" | ").append(f.unmarkedDuplicates().size()).append(" | ").append(f.markedDuplicates())
          .append(" | ").append(f.orphans().size()).append(" | ").append(f.stuckPartitions().size())
          .append(" | ").append(f.secretHits().size()).append(" | ").append(f.crashes().size())
          .append(" | ").append(f.stepsInSeveralAttempts().size()).append(" | ")
          .append(f.sandboxesWithoutDeleted().size()).append(" | ")
          .append(f.recoveryMs() < 0 ? "-" : String.format("%.1f", f.recoveryMs() / 1000.0)).append(" | ")
          .append(f.passed() ? "passed" : "**FAILED**").append(" |\n");
    }
    for (ScenarioRun.Outcome o : outcomes) {
      Findings f = o.findings();
      b.append("\n## ").append(o.spec().name()).append("\n\n");
      b.append("- parameters: `").append(new java.util.TreeMap<>(o.spec().params())).append("`\n");
      b.append("- topics: `").append(o.topics().prefix()).append("*`, ").append(o.durationMs() / 1000)
          .append(" s in all\n");
      b.append("- faults: ").append(o.faults().isEmpty() ? "none" : String.join("; ", o.faults())).append("\n");
      b.append("- results by status: ").append(f.byStatus()).append("\n");
      b.append("- not SUCCEEDED by status/code: ").append(f.byError()).append("\n");
      if (!f.dlqReasons().isEmpty() || !f.hostileResults().isEmpty()) {
        b.append("- DLQ by reason: ").append(f.dlqReasons()).append("\n");
        b.append("- DLQ by hostile kind:reason: ").append(f.dlqByKind()).append("\n");
        b.append("- dead letters of a source offset already dead-lettered: ").append(f.dlqDuplicates())
            .append("\n");
        b.append("- results of decodable hostile requests by kind:status: ").append(f.hostileResults()).append("\n");
        b.append("- hostile records without a disposition: ").append(f.hostileUnaccounted()).append("\n");
      }
      if (f.probeMaxMs() >= 0) {
        b.append("- good request behind the hostile ones, publish to result (slowest of one per partition): ")
            .append(f.probeMaxMs()).append(" ms\n");
      }
      b.append("- worker log bytes: ").append(f.logBytes()).append("\n");
      b.append("- sandboxes with SANDBOX_CREATING but no SANDBOX_DELETED/REAPED: ")
          .append(f.sandboxesWithoutDeleted().size()).append(sample(f.sandboxesWithoutDeleted())).append("\n");
      b.append("- requests with a step run in more than one attempt: ").append(f.stepsInSeveralAttempts().size())
          .append("\n");
      if (!f.failures().isEmpty()) {
        b.append("\n**Hard checks failed:**\n\n");
        f.failures().forEach(x -> b.append("- ").append(x).append("\n"));
      }
      if (!f.secretHits().isEmpty()) {
        b.append("\nSecrets found (first 20):\n\n");
        f.secretHits().stream().limit(20).forEach(x -> b.append("- ").append(x).append("\n"));
      }
    }
    return b.toString();
  }

  private static String sample(List<String> items) {
    return items.isEmpty() ? "" : " (e.g. " + String.join(", ", items.stream().limit(3).toList()) + ")";
  }
}
