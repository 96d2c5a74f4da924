package dev.shellbus.worker.process;

import dev.shellbus.events.LogSafe;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.EngineObserver;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.worker.audit.AuditTrail;
import dev.shellbus.worker.logging.LogContext;
import dev.shellbus.worker.mapping.LifecycleMapper;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running request attempt, and the engine's observer of it: turns each engine event into what the worker
 * publishes and measures, as it happens, through the {@link LifecycleMapper}, its {@link AuditTrail} and the
 * {@link EngineMeters}.
 *
 * <p>Non-terminal lifecycle events and audit events are published at once; the terminal lifecycle event is held for
 * the completion, which the consumer publishes with the result. After the consumer gave the attempt up
 * ({@link #abandon()}), only its sandbox deletion is still published on the lifecycle topic (its audit events always
 * are): the next attempt reports the rest. The only owner of the attempt's changing state; engine events arrive on
 * the request's Vert.x context.
 *
 * <p>It is also the attempt's fence ({@link #fenced()}): the lease the consumer gave the request. The first time the
 * engine finds it up, one WARN line says so; from then on the attempt publishes lifecycle events no more than an
 * abandoned one, and the consumer discards its result.
 */
final class RequestAttempt implements EngineObserver {

  private static final Logger LOG = LoggerFactory.getLogger(RequestAttempt.class);

  private final RequestTrack track;
  private final AuditTrail audit;
  private final EventSink sink;
  private final EngineMeters meters;
  private final List<Future<Void>> pending = new ArrayList<>();
  private volatile boolean abandoned;
  private final AtomicBoolean fenced = new AtomicBoolean();
  private Optional<LifecycleEvent> terminal = Optional.empty();
  private String sandboxId;
  private String sandboxName;

  RequestAttempt(RequestTrack track, AuditTrail audit, EventSink sink, EngineMeters meters) {
    this.track = track;
    this.audit = audit;
    this.sink = sink;
    this.meters = meters;
  }

  RequestTrack track() {
    return track;
  }

  @Override
  public void on(EngineEvent e) {
    EngineEvent.Header h = e.header();
    h.sandbox().map(SandboxHandle::id).ifPresent(id -> sandboxId = id);
    h.sandbox().map(SandboxHandle::name).or(h::sandboxName).ifPresent(name -> sandboxName = name);
    meters.on(e, track.requestId(), track.sessionId());
    audit.on(e).forEach(a -> pending.add(sink.audit(track.in, log(), a)));
    log().run(() -> LOG.info("{} -> {}: {}{}", h.from(), h.to(), e.getClass().getSimpleName(), reason(e)));
    Optional<LifecycleType> type = LifecycleMapper.type(e);
    if (type.isEmpty()) {
      return;
    }
    LifecycleEvent event = LifecycleMapper.event(e, type.get(), track.scrubber);
    if (LifecycleMapper.terminal(type.get())) {
      terminal = Optional.of(event);
    } else if ((!abandoned && !fenced.get()) || type.get() == LifecycleType.SANDBOX_DELETED) {
      publish(event);
    }
  }

  /** Asks the request's lease; the first refusal is logged (any thread: only the track and atomics are read). */
  @Override
  public Optional<String> fenced() {
    Optional<String> why = track.in.lease().fenced();
    if (why.isPresent() && fenced.compareAndSet(false, true)) {
      meters.fenced();
      track.log().run(() -> LOG.warn("Attempt {} (partition {}) is fenced and touches no sandbox any more; its result"
          + " will not be published: {}", track.in.attempt(), track.in.partition(), why.get()));
    }
    return why;
  }

  /** Publishes a lifecycle event the worker itself observed (ACCEPTED). */
  void publish(LifecycleEvent event) {
    pending.add(sink.lifecycle(track.in, log(), event));
  }

  /** Marks the attempt as given up by the consumer; from now on only sandbox deletions reach the lifecycle topic. */
  void abandon() {
    abandoned = true;
  }

  /** The terminal lifecycle event the engine reported, held for the completion. */
  Optional<LifecycleEvent> terminal() {
    return terminal;
  }

  /** The sandbox id seen so far, or null. */
  String sandboxId() {
    return sandboxId;
  }

  /** The sandbox name seen so far, or null. */
  String sandboxName() {
    return sandboxName;
  }

  /** Completes when every publish started so far has settled (they never fail). */
  Future<Void> settled() {
    return Future.join(List.copyOf(pending)).mapEmpty();
  }

  /** The MDC ids of this attempt, sandbox included once known, for a {@code try} block around log calls. */
  LogContext log() {
    return LogContext.of(track.requestId(), track.sessionId(), sandboxId, sandboxName, track.request.getTenant());
  }

  private String reason(EngineEvent e) {
    return e instanceof EngineEvent.PhaseChanged p
        ? p.reason().map(r -> " (" + LogSafe.text(track.scrubber.text(r)) + ")").orElse("") : "";
  }
}
