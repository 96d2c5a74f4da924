package dev.shellbus.worker.process;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.orchestrator.engine.LifecycleListener;
import dev.shellbus.orchestrator.engine.LifecycleTransition;
import dev.shellbus.worker.heartbeat.OwnedSandboxes;
import dev.shellbus.worker.mapping.LifecycleMapper;
import dev.shellbus.worker.metrics.WorkerMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link LifecycleListener}: routes each transition to its request's {@link RequestTrack} and turns it
 * into what the worker publishes and measures, as it happens.
 *
 * <p>Non-terminal lifecycle events and audit events are published at once; the terminal lifecycle event is held on
 * the track for the completion, which the consumer publishes with the result. Sandbox timings, artifact bytes and the
 * owned-sandbox registry are updated here. After the consumer gave a request up, only its sandbox deletion is still
 * published on the lifecycle topic (its audit events always are): the next attempt reports the rest.
 */
final class TransitionRouter implements LifecycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(TransitionRouter.class);

  private final Map<String, RequestTrack> tracks = new ConcurrentHashMap<>();
  private final EventSink sink;
  private final WorkerMetrics metrics;
  private final OwnedSandboxes owned;

  TransitionRouter(EventSink sink, WorkerMetrics metrics, OwnedSandboxes owned) {
    this.sink = sink;
    this.metrics = metrics;
    this.owned = owned;
  }

  void register(RequestTrack track) {
    tracks.put(track.requestId(), track);
  }

  void unregister(RequestTrack track) {
    tracks.remove(track.requestId(), track);
  }

  Optional<RequestTrack> track(String requestId) {
    return Optional.ofNullable(tracks.get(requestId));
  }

  Map<String, RequestTrack> tracks() {
    return Map.copyOf(tracks);
  }

  @Override
  public void onTransition(LifecycleTransition t) {
    RequestTrack track = tracks.get(t.context().requestId());
    if (track == null || track.in.attempt() != t.context().attempt()) {
      LOG.debug("Transition of an untracked request {}: {}", t.context().requestId(), t.event());
      return;
    }
    t.sandbox().ifPresent(h -> {
      track.sandboxId = h.id();
      track.sandboxName = h.name();
    });
    t.sandboxName().ifPresent(n -> track.sandboxName = track.sandboxName == null ? n : track.sandboxName);
    measure(track, t);
    if (track.audit != null) {
      track.audit.on(t).forEach(a -> sink.audit(track, a));
    }
    Optional<LifecycleType> type = LifecycleMapper.type(t);
    track.log().run(() -> LOG.info("Request {} {} -> {} on {}{}", track.requestId(), t.from(), t.to(), t.event(),
        t.reason().map(r -> " (" + track.scrubber.text(r) + ")").orElse("")));
    if (type.isEmpty()) {
      return;
    }
    LifecycleEvent event = LifecycleMapper.event(t, type.get(), track.scrubber);
    if (LifecycleMapper.terminal(type.get())) {
      track.terminal = event;
    } else if (!track.abandoned || type.get() == LifecycleType.SANDBOX_DELETED) {
      sink.lifecycle(track, event);
    }
  }

  private void measure(RequestTrack track, LifecycleTransition t) {
    switch (t.event()) {
      case SANDBOX_CREATED, SANDBOX_ADOPTED -> {
        metrics.sandbox("create", t.inPreviousState());
        t.sandbox().ifPresent(h -> owned.created(h.name(), h.id(), track.requestId(), track.sessionId()));
      }
      case SANDBOX_READY -> metrics.sandbox("ready", t.inPreviousState());
      case STEP_FINISHED -> metrics.sandbox("exec", t.inPreviousState());
      case SANDBOX_DELETED -> {
        metrics.sandbox("delete", t.inPreviousState());
        t.sandboxName().ifPresent(owned::deleted);
      }
      case ARTIFACT_STORED -> {
        String size = t.attributes().get("artifact.size");
        metrics.bytes("out", "artifact", size == null ? 0 : Long.parseLong(size));
      }
      default -> { }
    }
  }
}
