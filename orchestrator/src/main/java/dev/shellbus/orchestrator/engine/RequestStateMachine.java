package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current state of one request, moved only through {@link TransitionTable} rows. Each row
 * taken is reported to the request's {@link EngineObserver} as one typed {@link EngineEvent}; progress within a
 * phase is reported next to the table, without a row. Not thread-safe: used on the request's context only.
 */
final class RequestStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(RequestStateMachine.class);

  private final RequestContext context;
  private final EngineObserver observer;
  private final Clock clock;
  private final Instant acceptedAt;
  private final Supplier<Optional<String>> sandboxName;
  private final Supplier<Optional<SandboxHandle>> sandbox;
  private RequestState state = RequestState.ACCEPTED;
  private Instant enteredAt;

  RequestStateMachine(RequestContext context, EngineObserver observer, Clock clock,
      Supplier<Optional<String>> sandboxName, Supplier<Optional<SandboxHandle>> sandbox) {
    this.context = context;
    this.observer = observer;
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

  /**
   * Takes the row for a phase change (or a sandbox created or ready) and reports it.
   *
   * @throws IllegalStateException if the table has no such row
   */
  Transition fire(RequestEvent event, Optional<String> reason) {
    Transition row = TransitionTable.find(state, event).orElseThrow(() ->
        new IllegalStateException("request " + context.requestId() + ": no transition for " + event + " in " + state));
    Instant now = clock.instant();
    Duration inState = Duration.between(enteredAt, now);
    EngineEvent.Header header = header(now, row.to());
    EngineEvent published = phaseEvent(event, header, inState, reason);
    state = row.to();
    enteredAt = now;
    if (observer instanceof TransitionTap tap) {
      tap.taken(new TransitionTap.Taken(context, row, now, header.elapsed(), inState, reason));
    }
    publish(published);
    return row;
  }

  /**
   * Reports progress within the current phase (a step started, an input written): no row is taken, the phase
   * stays, and the header goes from the phase to itself.
   */
  void report(Function<EngineEvent.Header, EngineEvent> detail) {
    publish(detail.apply(header(clock.instant(), state)));
  }

  private EngineEvent.Header header(Instant now, RequestState to) {
    return new EngineEvent.Header(context, now, Duration.between(acceptedAt, now), state, to, sandboxName.get(),
        sandbox.get());
  }

  private static EngineEvent phaseEvent(RequestEvent event, EngineEvent.Header header, Duration inState,
      Optional<String> reason) {
    switch (event) {
      case SANDBOX_CREATED:
      case SANDBOX_ADOPTED:
        return new EngineEvent.SandboxCreated(header, header.sandbox().orElseThrow(() ->
            new IllegalStateException("request " + header.context().requestId() + ": " + event + " without a handle")),
            event == RequestEvent.SANDBOX_ADOPTED, inState);
      case SANDBOX_READY:
        return new EngineEvent.SandboxReady(header, inState);
      case FAIL:
        return new EngineEvent.PhaseChanged(header, EngineEvent.Cause.FAILURE, reason);
      case CANCEL:
        return new EngineEvent.PhaseChanged(header, EngineEvent.Cause.CANCEL, reason);
      case DEADLINE:
        return new EngineEvent.PhaseChanged(header, EngineEvent.Cause.DEADLINE, reason);
      default:
        EngineEvent.Cause cause = header.to().terminal() ? EngineEvent.Cause.FINISH : EngineEvent.Cause.NEXT;
        return new EngineEvent.PhaseChanged(header, cause, reason);
    }
  }

  private void publish(EngineEvent event) {
    try {
      observer.on(event);
    } catch (RuntimeException e) {
      LOG.warn("engine observer failed on {} {}", context.requestId(), event.getClass().getSimpleName(), e);
    }
  }
}
