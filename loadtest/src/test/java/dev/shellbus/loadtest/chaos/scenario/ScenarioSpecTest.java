package dev.shellbus.loadtest.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioSpecTest {

  private static final Map<String, String> DEFAULTS = Map.of("outage", "30s", "rate", "4", "every", "8s");

  @Test
  void parametersOverrideTheDefaultsWithEitherSeparator() {
    ScenarioSpec comma = ScenarioSpec.parse("gateway-outage:outage=10s,rate=2", DEFAULTS);
    ScenarioSpec semicolon = ScenarioSpec.parse("gateway-outage:outage=10s;rate=2", DEFAULTS);
    assertThat(comma).isEqualTo(semicolon);
    assertThat(comma.duration("outage")).isEqualTo(Duration.ofSeconds(10));
    assertThat(comma.number("rate")).isEqualTo(2.0);
    assertThat(comma.duration("every")).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void unknownScenarioOrParameterIsRefusedByName() {
    assertThatThrownBy(() -> ScenarioSpec.parse("kill-everything", DEFAULTS)).hasMessageContaining("kill-everything");
    assertThatThrownBy(() -> ScenarioSpec.parse("hostile:speed=9", DEFAULTS)).hasMessageContaining("speed");
  }
}
