package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The orchestrator's entry point: runs jobs and session calls against the gateway, moves files and
 * artifacts through the object store, bounds everything by each request's one deadline, and
 * reports what happens to each request to that request's own {@link EngineObserver}. Each call
 * returns the request's single terminal {@link Outcome}; failures inside a request become a
 * FAILED, CANCELLED or TIMED_OUT outcome, so the future itself fails only on a bug. Calls of one
 * session run one after the other, in the order they were submitted. Nothing blocks: call it from
 * any thread; a request runs on the caller's Vert.x context, or on a fresh one when called from
 * outside Vert.x.
 */
public final class RequestEngine {
  private final Vertx vertx;
  private final EngineServices services;
  private final CancelRegistry registry = new CancelRegistry();
  private final Map<String, Future<Outcome>> sessionTails = new ConcurrentHashMap<>();

  public RequestEngine(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config, RetryRunner retry) {
    this.vertx = vertx;
    this.services = EngineServices.create(vertx, gateway, store, config, retry);
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
    return start(job.context(), observer, scope -> new JobFlow(scope, job));
  }

  /** OpenSession: create, ready, restore, inputs; the sandbox stays. */
  public Future<Outcome> openSession(Requests.OpenSession open, EngineObserver observer) {
    return inSession(open.context(), observer, scope -> new OpenSessionFlow(scope, open));
  }

  /** Exec in an open session. */
  public Future<Outcome> exec(Requests.Exec exec, EngineObserver observer) {
    return inSession(exec.context(), observer, scope -> new SessionExecFlow(scope, exec));
  }

  /** PutFiles into an open session. */
  public Future<Outcome> putFiles(Requests.PutFiles put, EngineObserver observer) {
    return inSession(put.context(), observer, scope -> new FileFlows.Put(scope, put));
  }

  /** GetFiles from an open session. */
  public Future<Outcome> getFiles(Requests.GetFiles get, EngineObserver observer) {
    return inSession(get.context(), observer, scope -> new FileFlows.Get(scope, get));
  }

  /** CloseSession, optionally snapshotting the workspace first. */
  public Future<Outcome> closeSession(Requests.CloseSession close, EngineObserver observer) {
    return inSession(close.context(), observer, scope -> new CloseSessionFlow(scope, close));
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

  private Future<Outcome> inSession(RequestContext context, EngineObserver observer, Function<RequestScope, Flow> flow) {
    String key = context.tenant() + "\n" + context.requireSession();
    Promise<Outcome> mine = Promise.promise();
    Future<Outcome> previous = sessionTails.put(key, mine.future());
    Future<Void> turn = previous == null ? Future.succeededFuture() : previous.<Void>mapEmpty().otherwiseEmpty();
    turn.onComplete(v -> start(context, observer, flow).onComplete(mine));
    mine.future().onComplete(done -> sessionTails.remove(key, mine.future()));
    return mine.future();
  }

  private Future<Outcome> start(RequestContext context, EngineObserver observer, Function<RequestScope, Flow> flow) {
    Context on = vertx.getOrCreateContext();
    Promise<Outcome> result = Promise.promise();
    on.runOnContext(v -> {
      try {
        RequestScope scope = new RequestScope(context, services, observer);
        new RequestDriver(scope, flow.apply(scope), registry, on).start().onComplete(result);
      } catch (RuntimeException e) {
        result.tryFail(e);
      }
    });
    return result.future();
  }
}
