package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's entry point: runs jobs and session calls against the gateway, moves files and
 * artifacts through the object store, bounds everything by each request's one deadline, and
 * reports what happens to each request to that request's own {@link EngineObserver}. Each call
 * returns the request's single terminal {@link Outcome}; failures inside a request become a
 * FAILED, CANCELLED or TIMED_OUT outcome, so the future itself fails only on a bug. Calls of one
 * session run one after the other, in the order they were submitted. Nothing blocks: call it from
 * any thread.
 *
 * <p>Where a request runs is up to the engine's {@link EngineLanes}: on the caller's Vert.x context
 * (or a fresh one when called from outside Vert.x), or on the lane its key picks, one event loop of
 * several. Either way the caller sees one context: the request's events reach its observer, in
 * order, and then its outcome completes, on the context that submitted it.
 */
public final class RequestEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RequestEngine.class);

  private final Vertx vertx;
  private final EngineServices services;
  private final List<EngineLanes.Lane> lanes;
  private final Map<Context, EngineServices> laneServices = new HashMap<>();
  private final CancelRegistry registry = new CancelRegistry();
  private final Map<String, Future<Outcome>> sessionTails = new ConcurrentHashMap<>();

  /** An engine that runs each request on the context that submits it. */
  public RequestEngine(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config, RetryRunner retry) {
    this(vertx, gateway, store, config, retry, EngineLanes.caller());
  }

  /**
   * An engine that runs requests on {@code lanes} (connected), each lane with its own gateway client; {@code gateway}
   * serves requests when there are no lanes.
   */
  public RequestEngine(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config, RetryRunner retry,
      EngineLanes lanes) {
    this.vertx = vertx;
    this.services = EngineServices.create(vertx, gateway, store, config, retry);
    this.lanes = lanes.all();
    this.lanes.forEach(lane -> laneServices.put(lane.context(),
        EngineServices.create(vertx, lane.gateway(), store, config, retry)));
  }

  /** Runs any request kind, reporting what happens to it to {@code observer}. */
  public Future<Outcome> submit(Requests.Request request, EngineObserver observer) {
    if (request instanceof Requests.Job job) {
      return runJob(job, observer);
    } else if (request instanceof Requests.OpenSession open) {
      return openSession(open, observer);
    } else if (request instanceof Requests.Exec exec) {
      return exec(exec, observer);
    } else if (request instanceof Requests.PutFiles put) {
      return putFiles(put, observer);
    } else if (request instanceof Requests.GetFiles get) {
      return getFiles(get, observer);
    } else if (request instanceof Requests.CloseSession close) {
      return closeSession(close, observer);
    }
    return cancel((Requests.Cancel) request);
  }

  /** RunJob: create, ready, inputs, steps, artifacts, delete (unless kept). */
  public Future<Outcome> runJob(Requests.Job job, EngineObserver observer) {
    return start(job.context(), observer, (request, progress) -> new JobFlow(request, progress, job));
  }

  /** OpenSession: create, ready, restore, inputs; the sandbox stays. */
  public Future<Outcome> openSession(Requests.OpenSession open, EngineObserver observer) {
    return inSession(open.context(), observer, (request, progress) -> new OpenSessionFlow(request, progress, open));
  }

  /** Exec in an open session. */
  public Future<Outcome> exec(Requests.Exec exec, EngineObserver observer) {
    return inSession(exec.context(), observer, (request, progress) -> new SessionExecFlow(request, progress, exec));
  }

  /** PutFiles into an open session. */
  public Future<Outcome> putFiles(Requests.PutFiles put, EngineObserver observer) {
    return inSession(put.context(), observer, (request, progress) -> new FileFlows.Put(request, progress, put));
  }

  /** GetFiles from an open session. */
  public Future<Outcome> getFiles(Requests.GetFiles get, EngineObserver observer) {
    return inSession(get.context(), observer, (request, progress) -> new FileFlows.Get(request, progress, get));
  }

  /** CloseSession, optionally snapshotting the workspace first. */
  public Future<Outcome> closeSession(Requests.CloseSession close, EngineObserver observer) {
    return inSession(close.context(), observer, (request, progress) -> new CloseSessionFlow(request, progress, close));
  }

  /**
   * Cancels a running request (its outcome becomes CANCELLED), or remembers the cancel for a
   * target that has not started yet. The Cancel request's own outcome always succeeds; a warning
   * says when the target was not running here.
   */
  public Future<Outcome> cancel(Requests.Cancel cancel) {
    Instant now = services.config().clock().instant();
    boolean found = registry.cancel(cancel.targetRequestId(), cancel.reason().isEmpty() ? "cancel requested" : cancel.reason());
    List<String> warnings = found ? List.of() : List.of("request " + cancel.targetRequestId() + " is not running here; "
        + "it will be cancelled if it starts");
    return Future.succeededFuture(new Outcome(cancel.context().requestId(), cancel.context().attempt(), Outcome.Status.SUCCEEDED,
        List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        new Timings(now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), now), Optional.empty(), warnings));
  }

  /** The ids of the requests running now. */
  public Set<String> running() {
    return registry.running().keySet();
  }

  private Future<Outcome> inSession(RequestContext context, EngineObserver observer, Flows flow) {
    context.requireSession();
    String key = context.orderKey();
    Promise<Outcome> mine = Promise.promise();
    Future<Outcome> previous = sessionTails.put(key, mine.future());
    Future<Void> turn = previous == null ? Future.succeededFuture() : previous.<Void>mapEmpty().otherwiseEmpty();
    turn.onComplete(v -> start(context, observer, flow).onComplete(mine));
    mine.future().onComplete(done -> sessionTails.remove(key, mine.future()));
    return mine.future();
  }

  private Future<Outcome> start(RequestContext context, EngineObserver observer, Flows flow) {
    Optional<EngineLanes.Lane> lane = EngineLanes.laneOf(lanes, context);
    if (lane.isEmpty()) {
      return run(vertx.getOrCreateContext(), context, services, observer, flow);
    }
    Context caller = vertx.getOrCreateContext();
    EngineObserver relayed = new EngineObserver() {
      @Override
      public void on(EngineEvent event) {
        caller.runOnContext(v -> deliver(observer, event));
      }

      @Override
      public Optional<String> fenced() {
        return observer.fenced();
      }
    };
    Promise<Outcome> result = Promise.promise();
    Context on = lane.get().context();
    run(on, context, laneServices.get(on), relayed, flow)
        .onComplete(outcome -> caller.runOnContext(v -> result.handle(outcome)));
    return result.future();
  }

  private Future<Outcome> run(Context on, RequestContext context, EngineServices with, EngineObserver to,
      Flows flow) {
    Promise<Outcome> result = Promise.promise();
    on.runOnContext(v -> {
      try {
        new RequestDriver(RequestInputs.of(context, with), to, flow, registry, on).start().onComplete(result);
      } catch (RuntimeException e) {
        result.tryFail(e);
      }
    });
    return result.future();
  }

  /** Builds the flow of one request kind from the request's inputs and the progress its driver owns. */
  private interface Flows extends BiFunction<RequestInputs, RequestProgress, Flow> {}

  /** Hands an event relayed from a lane to its observer; a throwing observer is logged, as on the lane. */
  private static void deliver(EngineObserver observer, EngineEvent event) {
    try {
      observer.on(event);
    } catch (RuntimeException e) {
      LOG.warn("engine observer failed on {} {}", event.header().context().requestId(),
          event.getClass().getSimpleName(), e);
    }
  }
}
