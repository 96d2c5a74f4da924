package dev.shellbus.worker.process;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.validation.RequestValidator;
import dev.shellbus.events.validation.Violation;
import dev.shellbus.orchestrator.engine.EngineConfig;
import dev.shellbus.orchestrator.engine.EngineLanes;
import dev.shellbus.orchestrator.engine.RetryRunner;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.worker.heartbeat.OwnedSandboxes;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.mapping.Outbound;
import io.vertx.core.Vertx;
import dev.shellbus.orchestrator.engine.Outcome;
import dev.shellbus.orchestrator.engine.RequestEngine;
import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import dev.shellbus.worker.audit.AuditFactory;
import dev.shellbus.worker.audit.AuditTrail;
import dev.shellbus.worker.kafka.Completion;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.kafka.RequestHandler;
import dev.shellbus.worker.mapping.LifecycleMapper;
import dev.shellbus.worker.mapping.RequestKind;
import dev.shellbus.worker.mapping.RequestMapper;
import dev.shellbus.worker.mapping.ResultMapper;
import dev.shellbus.worker.metrics.WorkerMetrics;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link RequestHandler}: validates a request, maps it to the engine's types, runs it, and answers the
 * completion the consumer publishes (the result and the terminal lifecycle event).
 *
 * <p>An invalid request gets a REJECTED result without running. A later attempt of a job or OpenSession first removes
 * the sandboxes of earlier attempts ({@link LeftoverSweeper}); past {@code engine.max-attempts} it fails with
 * INTERRUPTED; a later attempt whose deadline passed meanwhile ends TIMED_OUT. Cancels go straight to the engine.
 * Non-terminal lifecycle and audit events are published as they happen ({@link TransitionRouter}); the completion is
 * answered once those publishes have settled, so the terminal events follow them.
 */
public final class RequestProcessor implements RequestHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

  private final RequestEngine engine;
  private final TransitionRouter router;
  private final EventSink sink;
  private final LeftoverSweeper sweeper;
  private final RequestMapper mapper;
  private final ResultMapper results;
  private final Completions completions;
  private final AuditFactory audits;
  private final WorkerMetrics metrics;
  private final ProcessorSettings settings;
  private final Clock clock;

  private RequestProcessor(RequestEngine engine, TransitionRouter router, EventSink sink, ProcessorSettings settings,
      GatewayClient gateway, RetryRunner retry, WorkerMetrics metrics, Clock clock) {
    this.engine = engine;
    this.router = router;
    this.sink = sink;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.sweeper = new LeftoverSweeper(gateway, retry, settings.workspace(), settings.sweepBound());
    this.mapper = new RequestMapper(settings.workerId(), settings.workspace(), settings.longestRun());
    this.results = new ResultMapper(settings.workerId());
    this.audits = new AuditFactory(settings.version());
    RequestValidator validator = new RequestValidator(clock).withMaxInlineTotalBytes(settings.maxInlineTotalBytes());
    this.completions = new Completions(validator, results, metrics, settings.workerId(), clock, sink.outbound());
  }

  /**
   * Wires a processor and its engine: the engine reports its transitions to the processor's router.
   *
   * @param publisher publishes lifecycle and audit events as they happen
   * @param owned the registry of sandboxes this worker owns (heartbeats)
   * @param lanes the event loops the engine runs requests on; their results come back to the caller's context
   */
  public static RequestProcessor create(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config,
      RetryRunner retry, EventPublisher publisher, Outbound outbound, WorkerMetrics metrics, OwnedSandboxes owned,
      ProcessorSettings settings, EngineLanes lanes) {
    EventSink sink = new EventSink(publisher, outbound, metrics);
    TransitionRouter router = new TransitionRouter(sink, metrics, owned);
    RequestEngine engine = new RequestEngine(vertx, gateway, store, config, retry, router, lanes);
    return new RequestProcessor(engine, router, sink, settings, gateway, retry, metrics, config.clock());
  }

  @Override
  public Future<Completion> handle(InboundRequest in) {
    RequestTrack track = new RequestTrack(in, clock.instant());
    List<Violation> violations = completions.validate(in.request());
    if (!violations.isEmpty()) {
      if (in.attempt() > 1 && Completions.onlyDeadline(violations)) {
        return sweep(track).map(v -> completions.notRun(track, ResultStatus.TIMED_OUT, ErrorCode.DEADLINE_EXCEEDED,
            "the deadline passed before attempt " + in.attempt() + " could run"));
      }
      track.log().run(() -> LOG.info("Rejecting request {}: {}", in.requestId(), violations));
      return Future.succeededFuture(completions.rejected(track, violations));
    }
    Requests.Request request;
    try {
      request = mapper.toEngine(in.request(), in.attempt(), track.acceptedAt);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(completions.rejected(track,
          List.of(new Violation("body", ErrorCode.INVALID_REQUEST, e.getMessage()))));
    }
    if (in.attempt() > settings.maxAttempts()) {
      return sweep(track).map(v -> completions.notRun(track, ResultStatus.FAILED, ErrorCode.INTERRUPTED,
          "interrupted " + (in.attempt() - 1) + " times (worker crash, rebalance or shutdown); giving up"));
    }
    track.audit = new AuditTrail(audits, request.context(), EngineRequests.steps(request),
        EngineRequests.providers(request), track.scrubber);
    router.register(track);
    sink.lifecycle(track, LifecycleMapper.own(in.request(), in.attempt(), settings.workerId(),
        LifecycleType.ACCEPTED, null, track.acceptedAt, Duration.ZERO));
    return sweep(track)
        .compose(v -> engine.submit(request))
        .compose(outcome -> finish(track, outcome))
        .onComplete(ar -> router.unregister(track));
  }

  @Override
  public Future<Completion> cancel(InboundRequest in) {
    RequestTrack track = new RequestTrack(in, clock.instant());
    List<Violation> violations = completions.validate(in.request());
    if (!violations.isEmpty()) {
      return Future.succeededFuture(completions.rejected(track, violations));
    }
    Requests.Cancel cancel = (Requests.Cancel) mapper.toEngine(in.request(), in.attempt(), track.acceptedAt);
    track.log().run(() -> LOG.info("Cancel {} asks to stop request {}", in.requestId(), cancel.targetRequestId()));
    return engine.cancel(cancel).map(outcome -> {
      var result = results.fromOutcome(in.request(), outcome, track.scrubber);
      metrics.requestFinished(track.kind.tag(), "succeeded", Duration.between(track.acceptedAt, clock.instant()));
      LifecycleEvent terminal = LifecycleMapper.own(in.request(), in.attempt(), settings.workerId(),
          LifecycleType.SUCCEEDED, outcome.warnings().isEmpty() ? null : String.join("; ", outcome.warnings()),
          clock.instant(), Duration.between(track.acceptedAt, clock.instant()));
      return completions.of(track, result, List.of(terminal));
    });
  }

  @Override
  public void abandon(InboundRequest in) {
    router.track(in.requestId()).filter(t -> t.in.attempt() == in.attempt()).ifPresent(track -> {
      track.abandoned = true;
      track.log().run(() -> LOG.warn("Request {} was given up by the consumer; stopping it", in.requestId()));
      engine.cancel(new Requests.Cancel(mapper.context(in.request(), in.attempt(), clock.instant()),
          in.requestId(), "worker gave the request up (rebalance or shutdown)"));
    });
  }

  /** Cancels every running request with {@code reason}; they complete CANCELLED and delete their sandboxes. */
  public int cancelAll(String reason) {
    List<RequestTrack> running = new ArrayList<>(router.tracks().values());
    for (RequestTrack track : running) {
      track.log().run(() -> LOG.warn("Cancelling request {}: {}", track.requestId(), reason));
      engine.cancel(new Requests.Cancel(mapper.context(track.request, track.in.attempt(), clock.instant()),
          track.requestId(), reason));
    }
    return running.size();
  }

  /** Returns how many requests run now. */
  public int running() {
    return router.tracks().size();
  }

  private Future<Void> sweep(RequestTrack track) {
    if (track.in.attempt() == 1 || !(track.kind == RequestKind.RUN_JOB || track.kind == RequestKind.OPEN_SESSION)) {
      return Future.succeededFuture();
    }
    return sweeper.sweep(mapper.context(track.request, track.in.attempt(), track.acceptedAt)).mapEmpty();
  }

  private Future<Completion> finish(RequestTrack track, Outcome outcome) {
    Instant now = clock.instant();
    String status = outcome.status().name();
    metrics.requestFinished(track.kind.tag(), status.toLowerCase(Locale.ROOT), Duration.between(track.acceptedAt, now));
    metrics.bytes("in", "input", outcome.inputs().stream().mapToLong(InputReceipt::size).sum());
    metrics.bytes("out", "log", outcome.steps().stream()
        .mapToLong((StepResult s) -> s.stdout().totalBytes() + s.stderr().totalBytes()).sum());
    track.audit.inputs(outcome.inputs(), now).forEach(a -> sink.audit(track, a));
    List<LifecycleEvent> events = new ArrayList<>();
    if (outcome.status() == Outcome.Status.SUCCEEDED && track.kind == RequestKind.OPEN_SESSION) {
      events.add(own(track, LifecycleType.SESSION_OPENED, now));
    } else if (outcome.status() == Outcome.Status.SUCCEEDED && track.kind == RequestKind.CLOSE_SESSION) {
      events.add(own(track, LifecycleType.SESSION_CLOSED, now));
    }
    events.add(track.terminal != null ? track.terminal
        : own(track, LifecycleType.valueOf(status), now));
    var result = results.fromOutcome(track.request, outcome, track.scrubber);
    track.log().run(() -> LOG.info("Request {} attempt {} finished {}{}", track.requestId(), track.in.attempt(),
        status, outcome.error().map(e -> " (" + e.code() + ")").orElse("")));
    return track.settled().map(v -> completions.of(track, result, events));
  }

  private LifecycleEvent own(RequestTrack track, LifecycleType type, Instant at) {
    LifecycleEvent e = LifecycleMapper.own(track.request, track.in.attempt(), settings.workerId(), type, null, at,
        Duration.between(track.acceptedAt, at));
    e.setSandboxId(track.sandboxId);
    e.setSandboxName(track.sandboxName);
    return e;
  }
}
