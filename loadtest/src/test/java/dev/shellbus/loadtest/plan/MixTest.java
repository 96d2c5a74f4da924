package dev.shellbus.loadtest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixTest {

  @Test
  void parsesKindsParametersAndWeights() {
    Mix mix = Mix.parse("job=70, session/5=20,artifact/10MiB=10");
    assertThat(mix.workloads()).extracting(Workload::name).containsExactly("job", "session/5", "artifact/10MiB");
    assertThat(mix.workloads().get(1).execs()).isEqualTo(5);
    assertThat(mix.workloads().get(2).artifactBytes()).isEqualTo(10L << 20);
    assertThat(Mix.parse("session,artifact").workloads()).extracting(Workload::name)
        .containsExactly("session/3", "artifact/1MiB");
  }

  @Test
  void drawsInProportionToTheWeightsAndRepeatsWithTheSeed() {
    Mix mix = Mix.parse("job=3,session/1=1");
    Map<String, Integer> counts = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 40_000; i++) {
      counts.merge(mix.pick(random).name(), 1, Integer::sum);
    }
    assertThat(counts.get("job") / 40_000.0).isBetween(0.73, 0.77);
    assertThat(mix.pick(new Random(1)).name()).isEqualTo(mix.pick(new Random(1)).name());
  }

  @Test
  void refusesUnknownKindsDuplicatesAndBadWeights() {
    assertThatThrownBy(() -> Mix.parse("batch=1")).hasMessageContaining("unknown mix entry");
    assertThatThrownBy(() -> Mix.parse("job=1,job=2")).hasMessageContaining("distinct");
    assertThatThrownBy(() -> Mix.parse("job=0")).hasMessageContaining("at least 1");
  }

  @Test
  void sizesReadAndPrintBinarySuffixes() {
    assertThat(Sizes.parse("2GiB")).isEqualTo(2L << 30);
    assertThat(Sizes.parse("64k")).isEqualTo(64L << 10);
    assertThat(Sizes.parse("512")).isEqualTo(512);
    assertThat(Sizes.format(3L << 20)).isEqualTo("3MiB");
    assertThat(Sizes.format(1000)).isEqualTo("1000B");
  }

  @Test
  void planNeedsABoundAndTheRightKnobForItsModel() {
    Mix mix = Mix.parse("job");
    assertThatThrownBy(() -> LoadPlan.open(0, 10, Duration.ZERO, mix)).hasMessageContaining("--rate");
    assertThatThrownBy(() -> LoadPlan.closed(0, 10, Duration.ZERO, mix)).hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> LoadPlan.open(5, 0, Duration.ZERO, mix)).hasMessageContaining("--count or --duration");
    assertThat(LoadPlan.open(5, 0, Duration.ofSeconds(30), mix).describe()).isEqualTo("open 5.0/s, 30 s, mix job=1");
  }
}
