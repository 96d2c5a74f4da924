package dev.shellbus.orchestrator.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecBudgetTest {
  @Test
  void requestedTimeoutIsKeptWhenTheBudgetOutlastsItByTheMargin() {
    assertThat(ExecBudget.timeoutSeconds(30, Duration.ofSeconds(60))).isEqualTo(30);
  }

  @Test
  void requestedTimeoutIsCappedSoTheGrpcDeadlineOutlastsItByTenSeconds() {
    assertThat(ExecBudget.timeoutSeconds(300, Duration.ofSeconds(60))).isEqualTo(50);
  }

  @Test
  void noRequestedTimeoutStillGetsOneFromTheBudget() {
    assertThat(ExecBudget.timeoutSeconds(0, Duration.ofSeconds(100))).isEqualTo(90);
  }

  @Test
  void aShortBudgetLeavesHalfOfItAsMargin() {
    assertThat(ExecBudget.timeoutSeconds(0, Duration.ofSeconds(8))).isEqualTo(4);
    assertThat(ExecBudget.timeoutSeconds(30, Duration.ofMillis(500))).isEqualTo(1);
  }
}
