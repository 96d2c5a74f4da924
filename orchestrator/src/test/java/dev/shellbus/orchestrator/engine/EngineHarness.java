package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.testing.FakeGateway;
import dev.shellbus.orchestrator.testing.InMemoryObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A request engine on a fake gateway and an in-memory store, recording every lifecycle transition
 * (also into {@link TransitionCoverage}).
 */
final class EngineHarness implements AutoCloseable {
  static final String BUCKET = "test-bucket";

  final Vertx vertx = Vertx.vertx();
  final FakeGateway gateway = new FakeGateway(vertx);
  final InMemoryObjectStore store = new InMemoryObjectStore();
  final List<LifecycleTransition> transitions = new CopyOnWriteArrayList<>();
  final RequestEngine engine;

  /** The configuration of {@link #EngineHarness()}. */
  static final EngineConfig CONFIG = EngineConfig.defaults(BUCKET, "runs").withCleanupGrace(Duration.ofSeconds(2));

  EngineHarness() {
    this(CONFIG);
  }

  EngineHarness(EngineConfig config) {
    engine = newEngine(config);
  }

  /** Another engine on the same gateway and store (a second worker). */
  RequestEngine newEngine(EngineConfig config) {
    return new RequestEngine(vertx, gateway, store, config, RetryRunner.ONCE, t -> {
      transitions.add(t);
      TransitionCoverage.record(t.transition());
    });
  }

  static RequestContext context(String requestId, Duration budget) {
    return new RequestContext(requestId, "acme", "alice", Optional.empty(), 1, Deadline.in(budget), Map.of(), "worker-1");
  }

  static RequestContext session(String requestId, String sessionId, Duration budget) {
    return new RequestContext(requestId, "acme", "alice", Optional.of(sessionId), 1, Deadline.in(budget), Map.of(), "worker-1");
  }

  Outcome await(Future<Outcome> outcome) {
    try {
      return outcome.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no outcome: " + e, e);
    }
  }

  /** The events of one request, in order. */
  List<RequestEvent> events(String requestId) {
    return transitions.stream().filter(t -> t.context().requestId().equals(requestId)).map(LifecycleTransition::event).toList();
  }

  /** Polls until the condition holds, failing after ten seconds. */
  static void eventually(BooleanSupplier condition) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
