package dev.shellbus.loadtest.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.loadtest.chaos.check.Evidence.LifecycleRecord;
import dev.shellbus.loadtest.chaos.check.Evidence.ResultRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerTest {

  private final Map<String, String> sent = new LinkedHashMap<>(Map.of("r1", "job", "r2", "job", "r3", "job"));
  private final List<ResultRecord> results = new ArrayList<>(List.of(ok("r1", false, 1000), ok("r2", false, 2000),
      ok("r3", false, 5000)));
  private final List<LifecycleRecord> lifecycle = new ArrayList<>();
  private Map<String, String> gateway = Map.of();
  private Map<Integer, Long> lag = Map.of(0, 0L, 1, 0L);
  private List<String> secrets = List.of();
  private List<String> crashes = List.of();

  @Test
  void cleanEvidencePasses() {
    Findings f = check();
    assertThat(f.passed()).isTrue();
    assertThat(f.sent()).isEqualTo(3);
    assertThat(f.byStatus()).containsExactly(Map.entry("SUCCEEDED", 3));
    assertThat(f.recoveryMs()).isEqualTo(4000);
  }

  @Test
  void requestWithoutResultIsLost() {
    results.removeIf(r -> r.requestId().equals("r2"));
    Findings f = check();
    assertThat(f.lost()).containsExactly("r2");
    assertThat(f.passed()).isFalse();
    assertThat(f.failures()).anyMatch(l -> l.contains("1 lost") && l.contains("r2"));
  }

  @Test
  void secondResultWithoutRepublishedHeaderIsAnUnmarkedDuplicate() {
    results.add(ok("r1", false, 3000));
    Findings f = check();
    assertThat(f.unmarkedDuplicates()).hasSize(1).first().asString().startsWith("r1");
    assertThat(f.passed()).isFalse();
  }

  @Test
  void republishedDuplicateIsMarkedAndPasses() {
    results.add(ok("r1", true, 3000));
    Findings f = check();
    assertThat(f.unmarkedDuplicates()).isEmpty();
    assertThat(f.markedDuplicates()).isEqualTo(1);
    assertThat(f.passed()).isTrue();
  }

  @Test
  void sandboxLeftOnTheGatewayIsAnOrphan() {
    gateway = Map.of("sb-r2-1", "READY");
    Findings f = check();
    assertThat(f.orphans()).containsKey("sb-r2-1");
    assertThat(f.failures()).anyMatch(l -> l.contains("orphan") && l.contains("sb-r2-1"));
  }

  @Test
  void leakedSecretFails(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("worker-1.log"), "{\"msg\":\"out: chaos-secret-00ff\"}", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("clean.log"), "nothing here", StandardCharsets.UTF_8);
    SecretScan scan = new SecretScan(List.of("chaos-secret-00ff", "chaos-secret-never"));
    scan.tree(dir, "log");
    scan.bytes("xx chaos-secret-00ff".getBytes(StandardCharsets.UTF_8), "topic audit offset 4");
    secrets = scan.hits();
    Findings f = check();
    assertThat(f.secretHits()).containsExactlyInAnyOrder("chaos-secret-00ff in log/worker-1.log",
        "chaos-secret-00ff in topic audit offset 4");
    assertThat(f.passed()).isFalse();
  }

  @Test
  void lagAndCrashFail() {
    lag = Map.of(0, 0L, 1, 3L);
    crashes = List.of("worker-1 pid 7 exited 1 (not killed by the runner)");
    Findings f = check();
    assertThat(f.stuckPartitions()).containsExactly(Map.entry(1, 3L));
    assertThat(f.failures()).hasSize(2);
  }

  @Test
  void figuresCountAttemptsAndUndeletedSandboxes() {
    lifecycle.add(new LifecycleRecord("r1", "SANDBOX_CREATING", "sb-1", 1, null));
    lifecycle.add(new LifecycleRecord("r1", "STEP_STARTED", "sb-1", 1, 0));
    lifecycle.add(new LifecycleRecord("r1", "SANDBOX_CREATING", "sb-2", 2, null));
    lifecycle.add(new LifecycleRecord("r1", "STEP_STARTED", "sb-2", 2, 0));
    lifecycle.add(new LifecycleRecord("r1", "SANDBOX_DELETED", "sb-2", 2, null));
    lifecycle.add(new LifecycleRecord("r2", "SANDBOX_CREATING", "sb-3", 1, null));
    lifecycle.add(new LifecycleRecord("r2", "REAPED", "sb-3", 1, null));
    results.set(1, new ResultRecord("r2", "FAILED", "GATEWAY_UNAVAILABLE", 1, false, 2000));
    Findings f = check();
    assertThat(f.stepsInSeveralAttempts()).containsExactly("r1");
    assertThat(f.sandboxesWithoutDeleted()).containsExactly("sb-1 (request r1)");
    assertThat(f.byError()).containsExactly(Map.entry("FAILED/GATEWAY_UNAVAILABLE", 1));
    assertThat(f.passed()).as("figures, not hard checks").isTrue();
  }

  @Test
  void hostileDispositionsAndProbe() {
    Evidence e = new Evidence(sent, results, lifecycle, Map.of("WRONG_MAGIC", 3, "EMPTY", 1),
        Map.of("random-bytes:WRONG_MAGIC", 3, "empty-value:EMPTY", 1), 0, Map.of("h1", "oversize-id", "h2",
        "traversal-path"), Map.of("random-bytes", 3, "empty-value", 1,
        "oversize-id", 1, "traversal-path", 1), gateway, lag, Map.of(), crashes, secrets, 0,
        Map.of("r3", 4000L), 0);
    results.add(new ResultRecord("h2", "REJECTED", "INVALID_REQUEST", 1, false, 1500));
    Findings f = Checker.check(e);
    assertThat(f.dlqReasons()).containsEntry("WRONG_MAGIC", 3);
    assertThat(f.hostileResults()).containsExactly(Map.entry("traversal-path:REJECTED", 1));
    assertThat(f.hostileUnaccounted()).isEqualTo(1);
    assertThat(f.probeMaxMs()).isEqualTo(1000);
    assertThat(f.recoveryMs()).isEqualTo(-1);
  }

  private Findings check() {
    return Checker.check(new Evidence(sent, results, lifecycle, Map.of(), Map.of(), 0, Map.of(), Map.of(), gateway, lag,
        Map.of("worker-1.log", 10L), crashes, secrets, 1000, Map.of(), 0));
  }

  private static ResultRecord ok(String id, boolean republished, long at) {
    return new ResultRecord(id, "SUCCEEDED", "", 1, republished, at);
  }
}
