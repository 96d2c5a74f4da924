package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import java.time.Clock;
import java.time.Instant;

/**
 * What one request starts with and never changes: its envelope, the engine's collaborators, where its objects go,
 * its deadlines and the clock. What the request does with them is its {@link RequestProgress}.
 *
 * @param context the request's envelope, with its one deadline
 * @param services the collaborators of the lane the request runs on
 * @param keys the object keys of this attempt
 */
record RequestInputs(RequestContext context, EngineServices services, ObjectKeys keys) {
  static RequestInputs of(RequestContext context, EngineServices services) {
    return new RequestInputs(context, services, new ObjectKeys(services.config(), context));
  }

  Deadline deadline() {
    return context.deadline();
  }

  /** The bound for clean-up: the request deadline plus the configured grace. */
  Deadline cleanupDeadline() {
    return context.deadline().reserving(services.config().cleanupGrace().negated());
  }

  Clock clock() {
    return services.config().clock();
  }

  Instant now() {
    return clock().instant();
  }
}
