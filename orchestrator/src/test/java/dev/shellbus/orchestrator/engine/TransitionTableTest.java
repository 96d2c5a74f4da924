package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTableTest {
  @Test
  void terminalStatesHaveNoWayOut() {
    for (RequestState state : RequestState.values()) {
      if (state.terminal()) {
        assertThat(TransitionTable.rows()).noneMatch(t -> t.from() == state);
      }
    }
  }

  @Test
  void everyTerminalStateIsReachedOnlyFromCleanUp() {
    assertThat(TransitionTable.rows()).filteredOn(t -> t.to().terminal())
        .allSatisfy(t -> assertThat(t.from()).isEqualTo(RequestState.CLEANING_UP));
  }

  @Test
  void everyActiveStateCanBeFailedCancelledAndTimedOut() {
    for (RequestState state : EnumSet.range(RequestState.ACCEPTED, RequestState.COLLECTING)) {
      for (RequestEvent event : Set.of(RequestEvent.FAIL, RequestEvent.CANCEL, RequestEvent.DEADLINE)) {
        assertThat(TransitionTable.find(state, event)).as(state + " x " + event)
            .hasValueSatisfying(t -> assertThat(t.to()).isEqualTo(RequestState.CLEANING_UP));
      }
    }
  }

  @Test
  void everyStateIsReachableFromAccepted() {
    Set<RequestState> reached = EnumSet.of(RequestState.ACCEPTED);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Transition t : TransitionTable.rows()) {
        if (reached.contains(t.from()) && reached.add(t.to())) {
          grew = true;
        }
      }
    }
    assertThat(reached).containsExactlyInAnyOrder(RequestState.values());
  }

  @Test
  void unknownTransitionIsRefused() {
    RequestStateMachine machine = new RequestStateMachine(EngineHarness.context("r", java.time.Duration.ofSeconds(1)),
        EngineObserver.NONE, java.time.Clock.systemUTC(), java.util.Optional::empty, java.util.Optional::empty);
    assertThatThrownBy(() -> machine.fire(RequestEvent.SANDBOX_READY, java.util.Optional.empty()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ACCEPTED");
  }
}
