package dev.shellbus.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecLimitTest {
  @Test
  void requestedTimeoutIsKeptWhenTheBudgetOutlastsItByTheMargin() {
    assertThat(ExecLimit.decide(30, Duration.ofSeconds(60)).timeoutSeconds()).isEqualTo(30);
  }

  @Test
  void requestedTimeoutIsCappedSoTheGrpcDeadlineOutlastsItByTenSeconds() {
    assertThat(ExecLimit.decide(300, Duration.ofSeconds(60)).timeoutSeconds()).isEqualTo(50);
  }

  @Test
  void noRequestedTimeoutStillGetsOneFromTheBudget() {
    assertThat(ExecLimit.decide(0, Duration.ofSeconds(100)).timeoutSeconds()).isEqualTo(90);
  }

  @Test
  void aShortBudgetLeavesHalfOfItAsMargin() {
    assertThat(ExecLimit.decide(0, Duration.ofSeconds(8)).timeoutSeconds()).isEqualTo(4);
    assertThat(ExecLimit.decide(30, Duration.ofMillis(500)).timeoutSeconds()).isEqualTo(1);
  }

  @Test
  void aStepTimeoutThatFitsUnderTheCapIsTheStepsOwnLimit() {
    assertThat(ExecLimit.decide(30, Duration.ofSeconds(60))).isEqualTo(new ExecLimit(30, ExecLimit.Kind.OWN_TIMEOUT));
    assertThat(ExecLimit.decide(50, Duration.ofSeconds(60))).isEqualTo(new ExecLimit(50, ExecLimit.Kind.OWN_TIMEOUT));
  }

  @Test
  void aStepTimeoutBeyondTheCapLeavesTheRequestDeadlineAsTheLimit() {
    assertThat(ExecLimit.decide(55, Duration.ofSeconds(60)))
        .isEqualTo(new ExecLimit(50, ExecLimit.Kind.REQUEST_DEADLINE));
  }

  @Test
  void noStepTimeoutLeavesTheRequestDeadlineAsTheLimit() {
    assertThat(ExecLimit.decide(0, Duration.ofSeconds(60))).isEqualTo(new ExecLimit(50, ExecLimit.Kind.REQUEST_DEADLINE));
  }

  @Test
  void onlyExit124IsReportedAsTheLimitFiring() {
    ExecLimit own = new ExecLimit(5, ExecLimit.Kind.OWN_TIMEOUT);
    ExecLimit deadline = new ExecLimit(5, ExecLimit.Kind.REQUEST_DEADLINE);

    assertThat(own.endedBy(124)).contains(ExecLimit.Kind.OWN_TIMEOUT);
    assertThat(deadline.endedBy(124)).contains(ExecLimit.Kind.REQUEST_DEADLINE);
    assertThat(own.endedBy(0)).isEmpty();
    assertThat(own.endedBy(1)).isEmpty();
  }

  @Test
  void theGrpcDeadlineIsTheStepTimeoutPlusTenSecondsCappedByTheBudget() {
    java.time.Instant now = java.time.Instant.parse("2025-06-01T12:00:00Z");
    java.time.Clock clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
    dev.shellbus.orchestrator.Deadline request = dev.shellbus.orchestrator.Deadline.at(now.plusSeconds(60), clock);

    ExecLimit step = ExecLimit.decide(30, request.remaining());
    assertThat(step.callDeadline(request).instant()).isEqualTo(now.plusSeconds(40));
    ExecLimit capped = ExecLimit.decide(300, request.remaining());
    assertThat(capped.callDeadline(request).instant()).isEqualTo(now.plusSeconds(60));
    ExecLimit none = ExecLimit.decide(0, request.remaining());
    assertThat(none.callDeadline(request).instant()).isEqualTo(now.plusSeconds(60));
    ExecLimit shortBudget = ExecLimit.decide(0, Duration.ofSeconds(8));
    assertThat(shortBudget.callDeadline(dev.shellbus.orchestrator.Deadline.at(now.plusSeconds(8), clock)).instant())
        .isEqualTo(now.plusSeconds(8));
  }

  @Test
  void aCallDeadlineBeforeTheRequestDeadlineReportsTheStepsOwnTimeout() {
    dev.shellbus.orchestrator.Deadline request = dev.shellbus.orchestrator.Deadline.in(Duration.ofMinutes(5));
    assertThat(ExecLimit.decide(30, request.remaining()).endedByCallDeadline(request)).isEqualTo(ExecLimit.Kind.OWN_TIMEOUT);
    assertThat(ExecLimit.decide(0, request.remaining()).endedByCallDeadline(request)).isEqualTo(ExecLimit.Kind.REQUEST_DEADLINE);
    dev.shellbus.orchestrator.Deadline passed = dev.shellbus.orchestrator.Deadline.at(java.time.Instant.now().minusSeconds(1));
    assertThat(new ExecLimit(30, ExecLimit.Kind.OWN_TIMEOUT).endedByCallDeadline(passed)).isEqualTo(ExecLimit.Kind.REQUEST_DEADLINE);
  }
}
