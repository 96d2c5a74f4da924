package dev.shellbus.worker.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.worker.config.ReaperSettings;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.reaper.ClusterView.RequestSeen;
import dev.shellbus.worker.reaper.ClusterView.SessionChange;
import dev.shellbus.worker.reaper.ClusterView.WorkerSeen;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each rule of the reaper, its boundary, and the sandboxes it must never touch. */
class ReapPolicyTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private final ReaperSettings settings = WorkerConfig.builder().set("reaper.grace", "1m")
      .set("reaper.leftover-age", "10m").set("reaper.dead-worker-intervals", "3").build().reaper();
  private final ReapPolicy policy = new ReapPolicy(settings);
  private final ClusterView view = new ClusterView();

  @Test
  void neverTouchesASandboxWithoutShellbusLabelsOrOneBeingDeleted() {
    Map<String, String> foreign = new HashMap<>(job("r1", 1));
    foreign.remove(SandboxLabels.MANAGED);
    assertThat(policy.judge(sandbox(foreign, Duration.ofDays(30)), view, NOW)).isEmpty();
    Map<String, String> noRequest = new HashMap<>(job("r1", 1));
    noRequest.remove(SandboxLabels.REQUEST);
    assertThat(policy.judge(sandbox(noRequest, Duration.ofDays(30)), view, NOW)).isEmpty();
    SandboxInfo deleting = new SandboxInfo(new SandboxHandle("id", "n", ""), SandboxPhase.DELETING, job("r1", 1),
        NOW.minus(Duration.ofDays(30)).toEpochMilli(), "", "", Optional.empty());
    assertThat(policy.judge(deleting, view, NOW)).isEmpty();
  }

  @Test
  void aSessionIdlePastItsTtlExpiresAndOneUsedWithinItStays() {
    SandboxInfo s = sandbox(session("s1", 600, 0), Duration.ofHours(1));
    view.sessionEvent("t/s1", "call-1", "w1", NOW.minusSeconds(601), SessionChange.STARTED);
    view.sessionEvent("t/s1", "call-1", "w1", NOW.minusSeconds(600), SessionChange.ENDED);
    assertThat(rule(s)).contains(ReapRule.SESSION_IDLE);
    view.sessionEvent("t/s1", "call-2", "w1", NOW.minusSeconds(599), SessionChange.ENDED);
    assertThat(rule(s)).isEmpty();
  }

  @Test
  void aNewSessionWithoutAnyCallCountsItsIdleTimeFromCreation() {
    assertThat(rule(sandbox(session("s1", 600, 0), Duration.ofSeconds(599)))).isEmpty();
    assertThat(rule(sandbox(session("s1", 600, 0), Duration.ofSeconds(600)))).contains(ReapRule.SESSION_IDLE);
  }

  @Test
  void aCallRunningOnALiveWorkerKeepsTheSessionButOneOnADeadWorkerDoesNot() {
    SandboxInfo s = sandbox(session("s1", 60, 0), Duration.ofHours(1));
    view.sessionEvent("t/s1", "long-exec", "w1", NOW.minus(Duration.ofMinutes(30)), SessionChange.STARTED);
    view.worker("w1", new WorkerSeen(NOW.minusSeconds(5), Duration.ofSeconds(10), false));
    assertThat(rule(s)).isEmpty();
    view.worker("w1", new WorkerSeen(NOW.minusSeconds(31), Duration.ofSeconds(10), false));
    assertThat(rule(s)).contains(ReapRule.SESSION_IDLE);
  }

  @Test
  void aSessionPastItsMaximumLifetimeExpiresEvenWhileInUse() {
    SandboxInfo s = sandbox(session("s1", 600, NOW.minusSeconds(1).getEpochSecond()), Duration.ofHours(1));
    view.sessionEvent("t/s1", "call", "w1", NOW.minusSeconds(1), SessionChange.STARTED);
    view.worker("w1", new WorkerSeen(NOW, Duration.ofSeconds(10), false));
    assertThat(rule(s)).contains(ReapRule.SESSION_LIFETIME);
    assertThat(rule(sandbox(session("s1", 600, NOW.plusSeconds(1).getEpochSecond()), Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void aClosedSessionsSandboxIsReapedAfterTheGraceButAReopenedOneIsNot() {
    view.sessionEvent("t/s1", "close", "w1", NOW.minusSeconds(61), SessionChange.CLOSED);
    view.sessionEvent("t/s1", "close", "w1", NOW.minusSeconds(61), SessionChange.ENDED);
    assertThat(rule(sandbox(session("s1", 3600, 0), Duration.ofMinutes(5)))).contains(ReapRule.DELETE_FAILED);
    assertThat(rule(sandbox(session("s1", 3600, 0), Duration.ofSeconds(30)))).as("opened after the close").isEmpty();
    view.sessionEvent("t/s1", "reopen", "w1", NOW.minusSeconds(50), SessionChange.OPENED);
    assertThat(rule(sandbox(session("s1", 3600, 0), Duration.ofMinutes(5)))).isEmpty();
  }

  @Test
  void aJobNoStateKnowsIsALeftoverOnlyPastTheLeftoverAge() {
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(9)))).isEmpty();
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(10)))).contains(ReapRule.LEFTOVER);
  }

  @Test
  void aFinishedJobsSandboxIsADeleteThatFailedOnceTheGraceIsOver() {
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minusSeconds(59)));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).isEmpty();
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minusSeconds(61)));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).contains(ReapRule.DELETE_FAILED);
  }

  @Test
  void aKeptSandboxStaysForItsTtlAfterTheJobEnded() {
    Map<String, String> kept = new HashMap<>(job("r1", 1));
    kept.put(SandboxLabels.KEEP_TTL, "300");
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minusSeconds(299)));
    assertThat(rule(sandbox(kept, Duration.ofHours(1)))).isEmpty();
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minusSeconds(301)));
    assertThat(rule(sandbox(kept, Duration.ofHours(1)))).contains(ReapRule.KEEP_TTL);
  }

  @Test
  void aKeptSandboxWithTheDefaultTtlUsesTheConfiguredOne() {
    Map<String, String> kept = new HashMap<>(job("r1", 1));
    kept.put(SandboxLabels.KEEP_TTL, SandboxLabels.KEEP_TTL_DEFAULT);
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minus(settings.keepSandboxTtl()).plusSeconds(1)));
    assertThat(rule(sandbox(kept, Duration.ofDays(1)))).isEmpty();
    view.request("r1", new RequestSeen(true, 1, "w1", NOW.minus(settings.keepSandboxTtl()).minusSeconds(1)));
    assertThat(rule(sandbox(kept, Duration.ofDays(1)))).contains(ReapRule.KEEP_TTL);
  }

  @Test
  void aSupersededAttemptsSandboxGoesButANewerOneThanTheStateStays() {
    view.request("r1", new RequestSeen(false, 2, "w2", NOW.minusSeconds(120)));
    view.worker("w2", new WorkerSeen(NOW, Duration.ofSeconds(10), false));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).contains(ReapRule.DELETE_FAILED);
    assertThat(rule(sandbox(job("r1", 2), Duration.ofMinutes(5)))).isEmpty();
    assertThat(rule(sandbox(job("r1", 3), Duration.ofMinutes(5)))).as("an attempt the state has not caught up with")
        .isEmpty();
  }

  @Test
  void anUnfinishedAttemptOfADeadWorkerIsReaped() {
    view.request("r1", new RequestSeen(false, 1, "w1", NOW.minusSeconds(120)));
    view.worker("w1", new WorkerSeen(NOW.minusSeconds(29), Duration.ofSeconds(10), false));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).isEmpty();
    view.worker("w1", new WorkerSeen(NOW.minusSeconds(31), Duration.ofSeconds(10), false));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).contains(ReapRule.DEAD_WORKER);
    view.worker("w1", new WorkerSeen(NOW.minusSeconds(1), Duration.ofSeconds(10), true));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).as("a STOPPED heartbeat")
        .contains(ReapRule.DEAD_WORKER);
  }

  @Test
  void aWorkerWithoutAnyHeartbeatCountsAsDeadOnlyPastTheLeftoverAge() {
    view.request("r1", new RequestSeen(false, 1, "ghost", NOW.minusSeconds(120)));
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(5)))).isEmpty();
    assertThat(rule(sandbox(job("r1", 1), Duration.ofMinutes(11)))).contains(ReapRule.DEAD_WORKER);
  }

  @Test
  void receiptsOfSessionsThatEndedByTimeAreSessionExpiredAndTheRestReaped() {
    assertThat(ReapRule.SESSION_IDLE.receipt().name()).isEqualTo("SESSION_EXPIRED");
    assertThat(ReapRule.SESSION_LIFETIME.receipt().name()).isEqualTo("SESSION_EXPIRED");
    assertThat(ReapRule.DEAD_WORKER.receipt().name()).isEqualTo("REAPED");
    assertThat(ReapRule.LEFTOVER.receipt().name()).isEqualTo("REAPED");
  }

  private Optional<ReapRule> rule(SandboxInfo sandbox) {
    return policy.judge(sandbox, view, NOW).map(Verdict::rule);
  }

  private static SandboxInfo sandbox(Map<String, String> labels, Duration age) {
    return new SandboxInfo(new SandboxHandle("id-" + age.toMillis(), "sb-" + age.toMillis(), ""), SandboxPhase.READY,
        labels, NOW.minus(age).toEpochMilli(), "", "", Optional.empty());
  }

  private static Map<String, String> job(String request, int attempt) {
    return Map.of(SandboxLabels.MANAGED, "true", SandboxLabels.REQUEST, request, SandboxLabels.TENANT, "t",
        SandboxLabels.KIND, "job", SandboxLabels.ATTEMPT, Integer.toString(attempt), SandboxLabels.WORKER, "w1");
  }

  private static Map<String, String> session(String session, long idleTtlSeconds, long expiresAt) {
    return Map.of(SandboxLabels.MANAGED, "true", SandboxLabels.REQUEST, "open-" + session, SandboxLabels.TENANT, "t",
        SandboxLabels.KIND, "session", SandboxLabels.ATTEMPT, "1", SandboxLabels.SESSION, session,
        SandboxLabels.IDLE_TTL, Long.toString(idleTtlSeconds), SandboxLabels.EXPIRES_AT, Long.toString(expiresAt));
  }
}
