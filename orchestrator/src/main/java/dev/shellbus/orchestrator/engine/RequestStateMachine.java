package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current state of one request, moved only through {@link TransitionTable} rows. Each
 * transition is published to the {@link LifecycleListener} with timings. Not thread-safe: used on
 * the request's context only.
 */
final class RequestStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(RequestStateMachine.class);

  private final RequestContext context;
  private final LifecycleListener listener;
  private final Clock clock;
  private final Instant acceptedAt;
  private final Supplier<Optional<String>> sandboxName;
  private final Supplier<Optional<SandboxHandle>> sandbox;
  private RequestState state = RequestState.ACCEPTED;
  private Instant enteredAt;

  RequestStateMachine(RequestContext context, LifecycleListener listener, Clock clock,
      Supplier<Optional<String>> sandboxName, Supplier<Optional<SandboxHandle>> sandbox) {
    this.context = context;
    this.listener = listener;
    this.clock = clock;
    this.acceptedAt = clock.instant();
    this.enteredAt = acceptedAt;
    this.sandboxName = sandboxName;
    this.sandbox = sandbox;
  }

  RequestState state() {
    return state;
  }

  Instant acceptedAt() {
    return acceptedAt;
  }

  /** Whether the table has a row for {@code event} in the current state. */
  boolean allows(RequestEvent event) {
    return TransitionTable.find(state, event).isPresent();
  }

  /**
   * Takes the row for {@code event} and publishes it.
   *
   * @throws IllegalStateException if the table has no such row
   */
  Transition fire(RequestEvent event, Optional<String> reason, Map<String, String> attributes) {
    Transition row = TransitionTable.find(state, event).orElseThrow(() ->
        new IllegalStateException("request " + context.requestId() + ": no transition for " + event + " in " + state));
    Instant now = clock.instant();
    LifecycleTransition published = new LifecycleTransition(context, sandboxName.get(), sandbox.get(), row, now,
        Duration.between(acceptedAt, now), Duration.between(enteredAt, now), reason, attributes);
    state = row.to();
    enteredAt = now;
    publish(published);
    return row;
  }

  private void publish(LifecycleTransition transition) {
    try {
      listener.onTransition(transition);
    } catch (RuntimeException e) {
      LOG.warn("lifecycle listener failed on {} {}", transition.context().requestId(), transition.event(), e);
    }
  }
}
