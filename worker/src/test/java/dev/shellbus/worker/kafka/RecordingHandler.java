package dev.shellbus.worker.kafka;

import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.ResultStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A handler that records what it is asked to do, runs each request until its gate opens, and tracks concurrency. */
final class RecordingHandler implements RequestHandler {

  /** One thing the handler saw, in the order seen. */
  record Event(String type, String requestId, int attempt, String handler, boolean onContext) {}

  /** What several handlers (workers) share: the events and the concurrency figures. */
  static final class Ledger {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> runningById = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger maxSameId = new AtomicInteger();

    List<Event> of(String type) {
      return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    List<String> ids(String type) {
      return of(type).stream().map(Event::requestId).toList();
    }

    long count(String type, String requestId) {
      return of(type).stream().filter(e -> e.requestId().equals(requestId)).count();
    }
  }

  private final String name;
  private final TopicNames topics;
  private final Ledger ledger;
  private final Function<InboundRequest, CompletionStage<Void>> gate;
  private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  RecordingHandler(String name, TopicNames topics, Ledger ledger,
      Function<InboundRequest, CompletionStage<Void>> gate) {
    this.name = name;
    this.topics = topics;
    this.ledger = ledger;
    this.gate = gate;
  }

  /** A handler whose requests finish at once. */
  static RecordingHandler immediate(String name, TopicNames topics, Ledger ledger) {
    return new RecordingHandler(name, topics, ledger, in -> CompletableFuture.completedFuture(null));
  }

  /** A handler whose requests each take {@code millis}. */
  static RecordingHandler taking(long millis, String name, TopicNames topics, Ledger ledger) {
    return new RecordingHandler(name, topics, ledger, in -> CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)));
  }

  /** A handler whose requests run until the test opens their gate ({@link #gateOf}). */
  static RecordingHandler gated(String name, TopicNames topics, Ledger ledger) {
    return new RecordingHandler(name, topics, ledger, in -> new CompletableFuture<>());
  }

  /** Returns the gate of a request for tests to open; the gate function may use it. */
  CompletableFuture<Void> gateOf(String requestId) {
    return gates.computeIfAbsent(requestId, id -> new CompletableFuture<>());
  }

  @Override
  public Future<Completion> handle(InboundRequest in) {
    Context context = Vertx.currentContext();
    record("start", in);
    int now = ledger.running.incrementAndGet();
    ledger.maxRunning.accumulateAndGet(now, Math::max);
    int sameId = ledger.runningById.computeIfAbsent(in.requestId(), id -> new AtomicInteger()).incrementAndGet();
    ledger.maxSameId.accumulateAndGet(sameId, Math::max);
    CompletionStage<Void> open = gate.apply(in).applyToEither(gateOf(in.requestId()), v -> v);
    return Future.fromCompletionStage(open, context).map(v -> {
      ledger.runningById.get(in.requestId()).decrementAndGet();
      ledger.running.decrementAndGet();
      record("finish", in);
      ResultStatus status = cancelled.contains(in.requestId()) ? ResultStatus.CANCELLED : ResultStatus.SUCCEEDED;
      return Events.completion(in, topics, status);
    });
  }

  @Override
  public Future<Completion> cancel(InboundRequest in) {
    record("cancel", in);
    String target = ((Cancel) in.request().getBody()).getTargetRequestId();
    cancelled.add(target);
    gateOf(target).complete(null);
    return Future.succeededFuture(Events.completion(in, topics, ResultStatus.SUCCEEDED));
  }

  @Override
  public void abandon(InboundRequest in) {
    record("abandon", in);
  }

  private void record(String type, InboundRequest in) {
    ledger.events.add(new Event(type, in.requestId(), in.attempt(), name, Vertx.currentContext() != null));
  }
}
