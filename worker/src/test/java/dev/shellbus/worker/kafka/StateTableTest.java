package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateTableTest {

  private static RequestState done(String id, long offset) {
    return new RequestState(id, RequestState.Status.DONE, 1, "w", Optional.empty(), Instant.EPOCH, offset,
        List.of(new OutboundRecord("results", id, new byte[] {1}, List.of())));
  }

  private static RequestState inFlight(String id, long offset) {
    return new RequestState(id, RequestState.Status.IN_FLIGHT, 1, "w", Optional.empty(), Instant.EPOCH, offset,
        List.of());
  }

  @Test
  void keepsEverythingUnderTheBound() {
    StateTable t = new StateTable(3);
    for (int i = 0; i < 3; i++) {
      t.put(done("r" + i, i), 100);
    }
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.dropped()).isZero();
    assertThat(t.get("r0")).isNotNull();
  }

  @Test
  void dropsTheOldestCommittedStatesPastTheBound() {
    StateTable t = new StateTable(2);
    for (int i = 0; i < 5; i++) {
      t.put(done("r" + i, i), 100);
    }
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.dropped()).isEqualTo(3);
    assertThat(t.get("r0")).isNull();
    assertThat(t.get("r2")).isNull();
    assertThat(t.get("r3")).isNotNull();
    assertThat(t.get("r4")).isNotNull();
  }

  @Test
  void neverDropsAStateAtOrAboveTheCommittedOffsetSoARedeliveryStillFindsIt() {
    StateTable t = new StateTable(1);
    t.put(inFlight("a", 10), 10);
    t.put(done("b", 11), 10);
    t.put(done("c", 12), 10);
    assertThat(t.size()).as("the uncommitted window outgrows the bound").isEqualTo(3);

    t.put(done("d", 13), 12);
    assertThat(t.get("a")).as("below the committed offset now").isNull();
    assertThat(t.get("b")).isNull();
    assertThat(t.get("c")).isNotNull();
    assertThat(t.get("d")).isNotNull();
  }

  @Test
  void aRewrittenStateCountsAsNewest() {
    StateTable t = new StateTable(2);
    t.put(inFlight("a", 1), 100);
    t.put(done("b", 2), 100);
    t.put(done("a", 1), 100);
    t.put(done("c", 3), 100);
    assertThat(t.get("b")).isNull();
    assertThat(t.get("a").isDone()).isTrue();
    assertThat(t.get("c")).isNotNull();
  }

  @Test
  void nothingIsDroppedWhenNothingIsCommitted() {
    StateTable t = new StateTable(1);
    t.put(done("a", 0), -1);
    t.put(done("b", 1), -1);
    assertThat(t.size()).isEqualTo(2);
    t.remove("a");
    assertThat(t.get("a")).isNull();
    assertThat(t.size()).isEqualTo(1);
  }

  @Test
  void refusesABoundBelowOne() {
    assertThatThrownBy(() -> new StateTable(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetained");
  }
}
