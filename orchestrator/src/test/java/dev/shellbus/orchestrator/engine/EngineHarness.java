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
 * A request engine on a fake gateway and an in-memory store. Every request submitted through
 * {@link #engine} is observed: its events are recorded in {@link #observed}, the table rows it took
 * (phase changes; progress within a phase takes none) in {@link #transitions} (and in
 * {@link TransitionCoverage}).
 */
final class EngineHarness implements AutoCloseable {
  static final String BUCKET = "test-bucket";

  final Vertx vertx = Vertx.vertx();
  final FakeGateway gateway = new FakeGateway(vertx);
  final InMemoryObjectStore store = new InMemoryObjectStore();
  final List<TransitionTap.Taken> transitions = new CopyOnWriteArrayList<>();
  final List<EngineEvent> observed = new CopyOnWriteArrayList<>();
  final Engine engine;

  /** The configuration of {@link #EngineHarness()}. */
  static final EngineConfig CONFIG = EngineConfig.defaults(BUCKET, "runs").withCleanupGrace(Duration.ofSeconds(2));

  EngineHarness() {
    this(CONFIG);
  }

  EngineHarness(EngineConfig config) {
    engine = newEngine(config);
  }

  /** Another engine on the same gateway and store (a second worker). */
  Engine newEngine(EngineConfig config) {
    return new Engine(new RequestEngine(vertx, gateway, store, config, RetryRunner.ONCE), tap());
  }

  /** The observer every request of this harness gets. */
  TransitionTap tap() {
    return new TransitionTap() {
      @Override
      public void on(EngineEvent event) {
        observed.add(event);
      }

      @Override
      public void taken(Taken taken) {
        transitions.add(taken);
        TransitionCoverage.record(taken.transition());
      }
    };
  }

  /** A {@link RequestEngine} whose requests are all reported to one observer. */
  static final class Engine {
    final RequestEngine engine;
    private final EngineObserver observer;

    Engine(RequestEngine engine, EngineObserver observer) {
      this.engine = engine;
      this.observer = observer;
    }

    Future<Outcome> submit(Requests.Request request) {
      return engine.submit(request, observer);
    }

    Future<Outcome> runJob(Requests.Job job) {
      return submit(job);
    }

    Future<Outcome> openSession(Requests.OpenSession open) {
      return submit(open);
    }

    Future<Outcome> exec(Requests.Exec exec) {
      return submit(exec);
    }

    Future<Outcome> putFiles(Requests.PutFiles put) {
      return submit(put);
    }

    Future<Outcome> getFiles(Requests.GetFiles get) {
      return submit(get);
    }

    Future<Outcome> closeSession(Requests.CloseSession close) {
      return submit(close);
    }

    Future<Outcome> cancel(Requests.Cancel cancel) {
      return engine.cancel(cancel);
    }
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

  /** The table events of one request, in order. */
  List<RequestEvent> events(String requestId) {
    return transitions.stream().filter(t -> t.context().requestId().equals(requestId)).map(TransitionTap.Taken::event).toList();
  }

  /** The engine events of one request, in order. */
  List<EngineEvent> observed(String requestId) {
    return observed.stream().filter(e -> e.context().requestId().equals(requestId)).toList();
  }

  /** The engine events of one kind of one request, in order: progress is reported there, not as table rows. */
  <T extends EngineEvent> List<T> observed(String requestId, Class<T> kind) {
    return observed(requestId).stream().filter(kind::isInstance).map(kind::cast).toList();
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
