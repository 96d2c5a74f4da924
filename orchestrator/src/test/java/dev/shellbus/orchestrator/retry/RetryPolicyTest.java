package dev.shellbus.orchestrator.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultCeilingsDoubleFrom200MsToA5SecondCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.maxAttempts()).isEqualTo(5);
    assertThat(p.ceilingAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.ceilingAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.ceilingAfter(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.ceilingAfter(6)).isEqualTo(Duration.ofMillis(5000));
    assertThat(p.ceilingAfter(40)).isEqualTo(Duration.ofMillis(5000));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.delayAfter(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(p.delayAfter(3, 0.5)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.delayAfter(3, 0.999)).isEqualTo(Duration.ofMillis(799));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 3)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(1), 2, Duration.ofSeconds(1), 0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.delayAfter(1, 1.0)).hasMessageContaining("jitter");
  }
}
