package dev.shellbus.loadtest.run;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.loadtest.kafka.Arrival;
import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.kafka.RequestClient;
import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.loadtest.plan.Workload;
import dev.shellbus.loadtest.stats.Stats;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one arrival: sends its requests in order and records each outcome.
 *
 * <p>A job or artifact job is one request, timed from the arrival's intended start. A session sends OpenSession, then
 * each Exec when the previous result arrived, then CloseSession (also after a failed Exec, as a platform would, but
 * not after a failed open); every part is recorded under {@code <name>.open}, {@code .exec}, {@code .close} timed from
 * its own send, and the whole under the workload name timed from the intended start. The returned future completes
 * when the arrival is finished and never fails.
 */
final class ArrivalRunner {

  private final RequestClient client;
  private final RequestFactory factory;
  private final Stats stats;

  ArrivalRunner(RequestClient client, RequestFactory factory, Stats stats) {
    this.client = client;
    this.factory = factory;
    this.stats = stats;
  }

  CompletableFuture<Void> start(Workload workload, long intendedNanos, boolean measured) {
    Arrival arrival = new Arrival(workload, intendedNanos, measured);
    switch (workload.kind()) {
      case JOB:
        return single(arrival, factory.shortJob());
      case ARTIFACT:
        return single(arrival, factory.artifactJob(workload.artifactBytes()));
      case SESSION:
        return session(arrival);
      default:
        throw new IllegalStateException("unknown workload kind " + workload.kind());
    }
  }

  private CompletableFuture<Void> single(Arrival arrival, SandboxRequest request) {
    return send(arrival, request).thenAccept(o -> stats.record(arrival.workload().name(), arrival,
        arrival.intendedNanos(), o));
  }

  private CompletableFuture<Void> session(Arrival arrival) {
    String name = arrival.workload().name();
    String sessionId = factory.newSessionId();
    SessionProgress progress = new SessionProgress();
    CompletableFuture<Void> chain = part(arrival, name + ".open", factory.openSession(sessionId), progress);
    for (int i = 0; i < arrival.workload().execs(); i++) {
      int index = i;
      chain = chain.thenCompose(v -> progress.opened
          ? part(arrival, name + ".exec", factory.exec(sessionId, index), progress)
          : CompletableFuture.completedFuture(null));
    }
    return chain
        .thenCompose(v -> progress.opened
            ? part(arrival, name + ".close", factory.closeSession(sessionId), progress)
            : CompletableFuture.completedFuture(null))
        .thenAccept(v -> stats.record(name, arrival, arrival.intendedNanos(), progress.lastNanos,
            progress.failure == null, progress.failure, progress.stepMicros));
  }

  private CompletableFuture<Void> part(Arrival arrival, String type, SandboxRequest request,
      SessionProgress progress) {
    return send(arrival, request).thenAccept(o -> {
      stats.record(type, arrival, o.sentNanos(), o);
      progress.lastNanos = o.receivedNanos();
      progress.stepMicros += o.stepMillis() * 1000;
      if (type.endsWith(".open")) {
        progress.opened = o.succeeded();
      }
      if (!o.succeeded() && progress.failure == null) {
        progress.failure = o.failureCode();
      }
    });
  }

  private CompletableFuture<Outcome> send(Arrival arrival, SandboxRequest request) {
    return client.submit(request, RequestFactory.keyOf(request), arrival);
  }

  /** What a session has seen so far; touched only by the stages of one chain, one after the other. */
  private static final class SessionProgress {
    boolean opened;
    String failure;
    long lastNanos;
    long stepMicros;
  }
}
