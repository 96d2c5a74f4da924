package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One transition of one request, as published to the {@link LifecycleListener}: which request and
 * attempt, the table row taken, when, how long the request had been running and how long it sat
 * in the state it left, why (for failures and interruptions: a code, a colon and a message), and
 * detail by event (for example {@code step.index}, {@code step.name}, {@code exit.code},
 * {@code artifact.uri}, {@code artifact.sha256}).
 *
 * @param context the request's envelope (ids, tenant, session, attempt, worker, caller labels)
 * @param sandboxName the sandbox name, once chosen
 * @param sandbox the sandbox handle, once known
 * @param transition the table row taken
 * @param at when it was taken
 * @param elapsed time since the request was accepted
 * @param inPreviousState time spent in {@code transition.from()}
 * @param reason why, for failures and interruptions; empty otherwise
 * @param attributes detail by event
 */
public record LifecycleTransition(RequestContext context, Optional<String> sandboxName, Optional<SandboxHandle> sandbox,
    Transition transition, Instant at, Duration elapsed, Duration inPreviousState, Optional<String> reason,
    Map<String, String> attributes) {
  public LifecycleTransition {
    attributes = Map.copyOf(attributes);
  }

  public RequestState from() {
    return transition.from();
  }

  public RequestEvent event() {
    return transition.event();
  }

  public RequestState to() {
    return transition.to();
  }
}
