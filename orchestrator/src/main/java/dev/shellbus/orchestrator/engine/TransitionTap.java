package dev.shellbus.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An observer that also sees the transition-table rows behind the events, for the engine's own
 * tests (transition coverage, interruption paths). Invisible outside the engine.
 */
interface TransitionTap extends EngineObserver {
  /**
   * One row taken by one request.
   *
   * @param inPreviousState time spent in {@code transition.from()}
   */
  record Taken(RequestContext context, Transition transition, Instant at, Duration elapsed, Duration inPreviousState,
      Optional<String> reason) {
    RequestState from() {
      return transition.from();
    }

    RequestEvent event() {
      return transition.event();
    }

    RequestState to() {
      return transition.to();
    }
  }

  void taken(Taken taken);
}
