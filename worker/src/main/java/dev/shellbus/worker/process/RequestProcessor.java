package dev.shellbus.worker.process;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.LogSafe;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.validation.RequestValidator;
import dev.shellbus.events.validation.Violation;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.engine.EngineConfig;
import dev.shellbus.orchestrator.engine.ErrorInfo;
import dev.shellbus.orchestrator.engine.EngineLanes;
import dev.shellbus.orchestrator.engine.RetryRunner;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
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
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link RequestHandler}: validates a request, maps it to the engine's types, runs it, and answers the
 * completion the consumer publishes (the result and the terminal lifecycle event).
 *
 * <p>An invalid request gets a REJECTED result without running. A later attempt of a job or OpenSession first removes
 * the sandboxes of earlier attempts ({@link LeftoverSweeper}); past {@code engine.max-attempts} it fails with
 * INTERRUPTED; a later attempt whose deadline passed meanwhile ends TIMED_OUT. Cancels go straight to the engine.
 * Each running attempt is its own engine observer ({@link RequestAttempt}): non-terminal lifecycle and audit events are
 * published as they happen, and the completion is answered once those publishes have settled, so the terminal events
 * follow them.
 */
public final class RequestProcessor implements RequestHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
  /** Failures that mean a dependency became unavailable under the attempt. */
  private static final Set<FailureCode> OUTAGES = EnumSet.of(FailureCode.EXEC_INTERRUPTED,
      FailureCode.GATEWAY_UNAVAILABLE, FailureCode.STORAGE_FAILED);
  /** Requests whose interrupted attempt runs again at once (as after a crash). */
  private static final Set<RequestKind> RERUNNABLE = EnumSet.of(RequestKind.RUN_JOB, RequestKind.OPEN_SESSION,
      RequestKind.EXEC);

  private final RequestEngine engine;
  private final Map<String, RequestAttempt> running = new ConcurrentHashMap<>();
  private final EventSink sink;
  private final EngineMeters meters;
  private final LeftoverSweeper sweeper;
  private final RequestMapper mapper;
  private final ResultMapper results;
  private final Completions completions;
  private final AuditFactory audits;
  private final WorkerMetrics metrics;
  private final ProcessorSettings settings;
  private final Clock clock;

  private RequestProcessor(RequestEngine engine, EventSink sink, EngineMeters meters, ProcessorSettings settings,
      GatewayClient gateway, RetryRunner retry, WorkerMetrics metrics, Clock clock) {
    this.engine = engine;
    this.sink = sink;
    this.meters = meters;
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
   * Wires a processor and its engine: the engine reports what happens to each request to that request's attempt.
   *
   * @param publisher publishes lifecycle and audit events as they happen
   * @param owned the registry of sandboxes this worker owns (heartbeats)
   * @param lanes the event loops the engine runs requests on; their results come back to the caller's context
   */
  public static RequestProcessor create(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config,
      RetryRunner retry, EventPublisher publisher, Outbound outbound, WorkerMetrics metrics, OwnedSandboxes owned,
      ProcessorSettings settings, EngineLanes lanes) {
    EventSink sink = new EventSink(publisher, outbound, metrics);
    RequestEngine engine = new RequestEngine(vertx, gateway, store, config, retry, lanes);
    return new RequestProcessor(engine, sink, new EngineMeters(metrics, owned), settings, gateway, retry, metrics,
        config.clock());
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
      track.log().run(() -> LOG.info("Rejecting the request: {}", LogSafe.text(Completions.describe(violations))));
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
    RequestAttempt attempt = new RequestAttempt(track,
        new AuditTrail(audits, request.context(), EngineRequests.providers(request), track.scrubber), sink, meters);
    running.put(track.requestId(), attempt);
    attempt.publish(LifecycleMapper.own(in.request(), in.attempt(), settings.workerId(),
        LifecycleType.ACCEPTED, null, track.acceptedAt, Duration.ZERO));
    return sweep(track)
        .compose(v -> engine.submit(request, attempt))
        .compose(outcome -> interruption(track, request, outcome)
            .map(why -> attempt.settled().map(v -> Completion.runAgain(why)))
            .orElseGet(() -> finish(attempt, outcome)))
        .onComplete(ar -> running.remove(track.requestId(), attempt));
  }

  @Override
  public Future<Completion> cancel(InboundRequest in) {
    RequestTrack track = new RequestTrack(in, clock.instant());
    List<Violation> violations = completions.validate(in.request());
    if (!violations.isEmpty()) {
      return Future.succeededFuture(completions.rejected(track, violations));
    }
    Requests.Cancel cancel = (Requests.Cancel) mapper.toEngine(in.request(), in.attempt(), track.acceptedAt);
    track.log().run(() -> LOG.info("Cancel asks to stop request {}", LogSafe.id(cancel.targetRequestId())));
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
    Optional.ofNullable(running.get(in.requestId())).filter(a -> a.track().in.attempt() == in.attempt()).ifPresent(a -> {
      a.abandon();
      a.log().run(() -> LOG.warn("The request was given up by the consumer; stopping it"));
      engine.cancel(new Requests.Cancel(mapper.context(in.request(), in.attempt(), clock.instant()),
          in.requestId(), "worker gave the request up (rebalance or shutdown)"));
    });
  }

  /** Cancels every running request with {@code reason}; they complete CANCELLED and delete their sandboxes. */
  public int cancelAll(String reason) {
    List<RequestAttempt> attempts = List.copyOf(running.values());
    for (RequestAttempt attempt : attempts) {
      RequestTrack track = attempt.track();
      attempt.log().run(() -> LOG.warn("Cancelling the request: {}", LogSafe.text(reason)));
      engine.cancel(new Requests.Cancel(mapper.context(track.request, track.in.attempt(), clock.instant()),
          track.requestId(), reason));
    }
    return attempts.size();
  }

  /** Returns how many requests run now. */
  public int running() {
    return running.size();
  }

  /**
   * Removes the sandboxes of earlier attempts and publishes a SANDBOX_DELETED for each removed one, carrying the
   * attempt that created it, so every SANDBOX_CREATING has its deletion on the lifecycle topic; completes once those
   * publishes settled (never fails).
   */
  private Future<Void> sweep(RequestTrack track) {
    if (track.in.attempt() == 1 || !(track.kind == RequestKind.RUN_JOB || track.kind == RequestKind.OPEN_SESSION)) {
      return Future.succeededFuture();
    }
    return sweeper.sweep(mapper.context(track.request, track.in.attempt(), track.acceptedAt))
        .compose(removed -> Future.join(removed.stream().map(info -> sink.lifecycle(track.in, track.log(),
            swept(track, info))).toList()))
        .mapEmpty();
  }

  private LifecycleEvent swept(RequestTrack track, SandboxInfo info) {
    int createdBy = (int) SandboxLabels.number(info.labels(), SandboxLabels.ATTEMPT);
    Instant now = clock.instant();
    LifecycleEvent e = LifecycleMapper.own(track.request, createdBy, settings.workerId(), LifecycleType.SANDBOX_DELETED,
        "INTERRUPTED: removed by attempt " + track.in.attempt() + " before it ran", now, null);
    e.setSandboxId(info.handle().id());
    e.setSandboxName(info.handle().name());
    e.getAttributes().put("sweep.by_attempt", Integer.toString(track.in.attempt()));
    return e;
  }

  /**
   * Why the attempt should run again at once instead of ending: it failed because the gateway or the store became
   * unavailable under it (an exec stream broke, a call could not be made), it may touch the sandbox again (a job,
   * an OpenSession or a session Exec), attempts are left and its deadline has not passed. Empty otherwise.
   */
  private Optional<String> interruption(RequestTrack track, Requests.Request request, Outcome outcome) {
    Optional<ErrorInfo> error = outcome.error().filter(e -> OUTAGES.contains(e.code()));
    if (outcome.status() != Outcome.Status.FAILED || error.isEmpty() || !RERUNNABLE.contains(track.kind)
        || track.in.attempt() >= settings.maxAttempts() || request.context().deadline().expired()) {
      return Optional.empty();
    }
    return Optional.of(error.get().code() + ": " + track.scrubber.text(error.get().message()));
  }

  private Future<Completion> finish(RequestAttempt attempt, Outcome outcome) {
    RequestTrack track = attempt.track();
    Instant now = clock.instant();
    String status = outcome.status().name();
    metrics.requestFinished(track.kind.tag(), status.toLowerCase(Locale.ROOT), Duration.between(track.acceptedAt, now));
    metrics.bytes("in", "input", outcome.inputs().stream().mapToLong(InputReceipt::size).sum());
    metrics.bytes("out", "log", outcome.steps().stream()
        .mapToLong((StepResult s) -> s.stdout().totalBytes() + s.stderr().totalBytes()).sum());
    List<LifecycleEvent> events = new ArrayList<>();
    if (outcome.status() == Outcome.Status.SUCCEEDED && track.kind == RequestKind.OPEN_SESSION) {
      events.add(own(attempt, LifecycleType.SESSION_OPENED, now));
    } else if (outcome.status() == Outcome.Status.SUCCEEDED && track.kind == RequestKind.CLOSE_SESSION) {
      events.add(own(attempt, LifecycleType.SESSION_CLOSED, now));
    }
    events.add(attempt.terminal().orElseGet(() -> own(attempt, LifecycleType.valueOf(status), now)));
    var result = results.fromOutcome(track.request, outcome, track.scrubber);
    attempt.log().run(() -> LOG.info("Attempt {} finished {}{}", track.in.attempt(), status,
        outcome.error().map(e -> " (" + e.code() + ")").orElse("")));
    return attempt.settled().map(v -> completions.of(track, result, events));
  }

  private LifecycleEvent own(RequestAttempt attempt, LifecycleType type, Instant at) {
    RequestTrack track = attempt.track();
    LifecycleEvent e = LifecycleMapper.own(track.request, track.in.attempt(), settings.workerId(), type, null, at,
        Duration.between(track.acceptedAt, at));
    e.setSandboxId(attempt.sandboxId());
    e.setSandboxName(attempt.sandboxName());
    return e;
  }
}
