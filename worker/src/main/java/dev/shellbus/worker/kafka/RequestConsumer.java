package dev.shellbus.worker.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Consumes requests and drives them through a {@link RequestHandler}, committing only completed work.
 *
 * <p>One poll thread owns the Kafka consumer; records are decoded there and handed to the Vert.x context that called
 * {@link #start()}, where they are dispatched: undecodable ones to the dead-letter topic, {@code Cancel} requests to
 * the handler at once, the rest one at a time per key and up to {@link ConsumerOptions#maxInFlight()} at once. When
 * the running requests or the bytes held reach their limits, the assigned partitions are paused until they drain. An
 * offset counts as completed once the request's {@code DONE} state and terminal records are acknowledged, and what is
 * committed is the highest contiguous completed offset + 1 of each partition. See the module README ("Kafka") for the
 * request-state topic that makes redelivery safe.
 */
public final class RequestConsumer {

  private final Vertx vertx;
  private final ConsumerOptions options;
  private final RequestHandler handler;
  private final EventPublisher publisher;
  private final ConsumerMetrics metrics = new ConsumerMetrics();
  private PollLoop loop;
  private BooleanSupplier hold = () -> false;

  /** Creates the consumer; nothing connects until {@link #start()}. */
  public RequestConsumer(Vertx vertx, ConsumerOptions options, RequestHandler handler, EventPublisher publisher) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * Starts the poll thread; succeeds once the topics are checked and the group subscription is made (partitions are
   * assigned afterwards), and fails when a topic is missing or the state topic is not co-partitioned.
   */
  public synchronized Future<Void> start() {
    if (loop != null) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    Context context = vertx.getOrCreateContext();
    CommitQueue commits = new CommitQueue();
    loop = new PollLoop(options, context, metrics, commits);
    loop.holdWhile(hold);
    RequestPipeline pipeline = new RequestPipeline(vertx, options, handler, publisher, metrics, commits);
    loop.bind(new Dispatcher(vertx, options, handler, pipeline, metrics, loop::setPaused));
    Thread thread = new Thread(loop, "shellbus-kafka-poll-" + options.workerId());
    thread.setDaemon(true);
    thread.start();
    return loop.started();
  }

  /**
   * Drains: stops fetching, drops requests that have not started (they stay uncommitted, for redelivery), waits up to
   * {@code grace} for running ones, abandons the rest, commits completed work and leaves the group.
   */
  public synchronized Future<Void> drain(Duration grace) {
    if (loop == null) {
      return Future.succeededFuture();
    }
    loop.drain(grace);
    return loop.terminated();
  }

  /** Stops at once: abandons running requests, commits completed work and leaves the group. */
  public synchronized Future<Void> stop() {
    if (loop == null) {
      return Future.succeededFuture();
    }
    loop.stop(Duration.ZERO);
    return loop.terminated();
  }

  /**
   * Stops at once without committing anything, leaving what a crash would leave: uncommitted offsets and {@code
   * IN_FLIGHT} states. For fatal errors and tests.
   */
  public synchronized Future<Void> abort() {
    if (loop == null) {
      return Future.succeededFuture();
    }
    loop.abort();
    return loop.terminated();
  }

  /**
   * Stops fetching new requests while {@code hold} answers true (a dependency is down): the assigned partitions stay
   * paused, the group membership and running requests go on. The poll thread asks it before every poll. Any thread,
   * before or after {@link #start()}.
   */
  public synchronized void holdWhile(BooleanSupplier condition) {
    hold = Objects.requireNonNull(condition, "condition");
    if (loop != null) {
      loop.holdWhile(condition);
    }
  }

  /** Holds the poll thread for {@code duration}, as a frozen process would: for tests of fencing. */
  public synchronized void stallPolling(Duration duration) {
    if (loop != null) {
      loop.stall(duration);
    }
  }

  /** Completes when the poll thread has ended: succeeds after a stop or drain, fails after a fatal error. */
  public synchronized Future<Void> terminated() {
    return loop == null ? Future.failedFuture(new IllegalStateException("not started")) : loop.terminated();
  }

  /** Returns the live gauges and counters. */
  public ConsumerMetrics metrics() {
    return metrics;
  }
}
