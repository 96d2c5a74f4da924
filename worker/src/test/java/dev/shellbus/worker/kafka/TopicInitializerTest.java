package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicInitializerTest {

  private final TopicNames names = TopicNames.defaults();

  @Test
  void aStateTopicWithFewerPartitionsThanRequestsFailsNamingBoth() {
    assertThatThrownBy(() -> TopicInitializer.requireCoPartitioned(names, 12, 6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shellbus.request-state has 6 partitions")
        .hasMessageContaining("shellbus.requests has 12");
  }

  @Test
  void missingTopicsAreNamed() {
    assertThatThrownBy(() -> TopicInitializer.requireCoPartitioned(names, 0, 0))
        .hasMessageContaining("shellbus.requests does not exist");
    assertThatThrownBy(() -> TopicInitializer.requireCoPartitioned(names, 3, 0))
        .hasMessageContaining("shellbus.request-state does not exist");
  }

  @Test
  void equalOrMoreStatePartitionsAreFine() {
    assertThatCode(() -> TopicInitializer.requireCoPartitioned(names, 3, 3)).doesNotThrowAnyException();
    assertThatCode(() -> TopicInitializer.requireCoPartitioned(names, 3, 4)).doesNotThrowAnyException();
  }
}
