package dev.shellbus.devkit.gateway.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  @Test
  void emptySelectorMatchesEverything() {
    assertThat(LabelSelector.parse("").matches(Map.of())).isTrue();
    assertThat(LabelSelector.parse("  , ,").matches(Map.of("a", "b"))).isTrue();
  }

  @Test
  void pairsAreAndedExactEqualities() {
    LabelSelector selector = LabelSelector.parse(" app = web , tier=db ,");
    assertThat(selector.pairs()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "tier", "db"));
    assertThat(selector.matches(Map.of("app", "web", "tier", "db", "x", "y"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web"))).isFalse();
    assertThat(selector.matches(Map.of("app", "web", "tier", "cache"))).isFalse();
  }

  @Test
  void emptyValueMatchesOnlyAnEmptyLabel() {
    LabelSelector selector = LabelSelector.parse("flag=");
    assertThat(selector.matches(Map.of("flag", ""))).isTrue();
    assertThat(selector.matches(Map.of())).isFalse();
  }

  @Test
  void contradictoryPairsMatchNothing() {
    assertThat(LabelSelector.parse("a=1,a=2").matches(Map.of("a", "1"))).isFalse();
  }

  @Test
  void malformedSelectorsAnswerInvalidArgument() {
    for (String bad : new String[] {"app", "app!=web", "bad key=v", "k=bad value", "a=1,=2"}) {
      assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad)
          .isInstanceOfSatisfying(GatewayException.class,
              e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
    }
  }

  @Test
  void atMost64PairsAreAllowed() {
    String pairs64 = IntStream.range(0, 64).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining(","));
    assertThat(LabelSelector.parse(pairs64).pairs()).hasSize(64);
    assertThatThrownBy(() -> LabelSelector.parse(pairs64 + ",k64=v"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("64");
  }
}
