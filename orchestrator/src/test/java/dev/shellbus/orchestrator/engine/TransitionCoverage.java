package dev.shellbus.orchestrator.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every transition-table row the engine tests took, collected across test classes of one run. */
final class TransitionCoverage {
  private static final Set<Transition> FIRED = ConcurrentHashMap.newKeySet();

  private TransitionCoverage() {}

  static void record(Transition transition) {
    FIRED.add(transition);
  }

  static Set<Transition> fired() {
    return Set.copyOf(FIRED);
  }
}
