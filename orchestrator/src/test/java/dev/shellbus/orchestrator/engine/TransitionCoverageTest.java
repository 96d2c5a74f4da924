package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fails when a transition-table row was never taken by the engine tests. It runs last (class
 * order in {@code junit-platform.properties}); run alone it has nothing to check and is skipped.
 */
@Order(Integer.MAX_VALUE)
class TransitionCoverageTest {
  @Test
  void everyTransitionIsExercisedByTheEngineTests() {
    Assumptions.assumeFalse(TransitionCoverage.fired().isEmpty(), "run together with the engine tests");
    List<Transition> missed = TransitionTable.rows().stream().filter(t -> !TransitionCoverage.fired().contains(t)).toList();
    assertThat(missed).as("transition-table rows no test exercised").isEmpty();
  }
}
