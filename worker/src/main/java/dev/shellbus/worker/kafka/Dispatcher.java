package dev.shellbus.worker.kafka;

import dev.shellbus.events.LogSafe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives polled records on the consumer's Vert.x context and routes them: undecodable ones to the dead-letter
 * path, cancels straight to the handler, the rest through the per-key queues; asks the poll thread to pause or
 * resume as the load crosses its limits; and gives partitions up on revocation and drain.
 *
 * <p>Every method runs on the consumer's context; the poll thread reaches it only through {@code runOnContext}.
 */
final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Vertx vertx;
  private final ConsumerOptions options;
  private final RequestHandler handler;
  private final RequestPipeline pipeline;
  private final ConsumerMetrics metrics;
  private final Consumer<Boolean> pauseControl;
  private final KeyedQueues<Task> queues;
  private final Map<TopicPartition, PartitionWork> works = new HashMap<>();
  private long bytes;
  private boolean paused;
  private boolean draining;

  Dispatcher(Vertx vertx, ConsumerOptions options, RequestHandler handler, RequestPipeline pipeline,
      ConsumerMetrics metrics, Consumer<Boolean> pauseControl) {
    this.vertx = vertx;
    this.options = options;
    this.handler = handler;
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.pauseControl = pauseControl;
    this.queues = new KeyedQueues<>(options.maxInFlight(), this::start, this::finished);
  }

  /** Takes over a newly assigned partition with the request states read for it and the lease of its assignment. */
  void assigned(TopicPartition partition, StateTable states, Lease lease) {
    works.put(partition, new PartitionWork(partition, states, lease));
  }

  /** Routes a polled batch; records of partitions no longer owned are dropped (the next owner gets them). */
  void records(List<Polled> batch) {
    for (Polled polled : batch) {
      PartitionWork work = works.get(polled.partition());
      if (draining || work == null || !work.dispatching()) {
        continue;
      }
      if (!work.tracker().register(polled.offset())) {
        LOG.warn("Ignoring {}@{}: at or below an offset already received", polled.partition(), polled.offset());
        continue;
      }
      Task task = new Task(work, polled);
      bytes += polled.size();
      if (!polled.decoded()) {
        work.started();
        pipeline.deadLetter(work, polled, polled.failureReason(), polled.failureDetail())
            .onComplete(ar -> finished(task));
      } else if (polled.isCancel()) {
        queues.runNow(task);
      } else {
        queues.submit(task.queueKey(options.perKeyFifo()), task);
      }
    }
    update();
  }

  /**
   * Stops dispatch for {@code partitions}, waits up to {@code grace} for their running requests, abandons what still
   * runs, and answers the offsets to commit for them (empty for partitions that completed nothing).
   */
  Future<Map<TopicPartition, OffsetAndMetadata>> revoke(Collection<TopicPartition> partitions, Duration grace) {
    List<PartitionWork> revoked = partitions.stream().map(works::get).filter(w -> w != null).toList();
    if (revoked.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Future<Void>> idle = revoked.stream().map(PartitionWork::revoking).toList();
    dropWaiting(task -> revoked.contains(task.work()));
    Promise<Map<TopicPartition, OffsetAndMetadata>> result = Promise.promise();
    Runnable giveUp = () -> {
      if (!result.future().isComplete()) {
        result.complete(giveUp(revoked));
      }
    };
    if (grace.isZero()) {
      giveUp.run();
    } else {
      long timer = vertx.setTimer(grace.toMillis(), id -> giveUp.run());
      Future.all(idle).onComplete(ar -> {
        vertx.cancelTimer(timer);
        giveUp.run();
      });
    }
    return result.future();
  }

  /** Stops taking records, drops the waiting ones, and completes when nothing runs any more or after {@code grace}. */
  Future<Void> drain(Duration grace) {
    draining = true;
    dropWaiting(task -> true);
    List<Future<Void>> idle = works.values().stream().map(PartitionWork::revoking).toList();
    Promise<Void> drained = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> drained.tryComplete());
    Future.all(idle).onComplete(ar -> {
      vertx.cancelTimer(timer);
      drained.tryComplete();
    });
    return drained.future();
  }

  private Map<TopicPartition, OffsetAndMetadata> giveUp(List<PartitionWork> revoked) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionWork work : revoked) {
      for (Task task : queues.runningMatching(t -> t.work() == work)) {
        LOG.warn("Abandoning {} (request {}): its partition is being given up", task,
            task.inbound() == null ? "?" : LogSafe.id(task.inbound().requestId()));
        queues.release(task);
        if (task.inbound() != null) {
          handler.abandon(task.inbound());
        }
      }
      work.disown().ifPresent(next -> offsets.put(work.partition(), new OffsetAndMetadata(next)));
      works.remove(work.partition());
    }
    update();
    return offsets;
  }

  private void dropWaiting(java.util.function.Predicate<Task> which) {
    List<Task> dropped = new ArrayList<>(queues.drop(which));
    dropped.forEach(this::release);
    if (!dropped.isEmpty()) {
      LOG.info("Dropped {} waiting records; they stay uncommitted for redelivery", dropped.size());
    }
    update();
  }

  private Future<?> start(Task task) {
    task.work().started();
    return pipeline.run(task);
  }

  private void finished(Task task) {
    if (release(task)) {
      task.work().stopped();
    }
    update();
  }

  private boolean release(Task task) {
    if (!task.release()) {
      return false;
    }
    bytes -= task.polled().size();
    return true;
  }

  private void update() {
    metrics.load(queues.running(), queues.waiting(), bytes);
    boolean overloaded = queues.running() >= options.maxInFlight() || bytes >= options.maxQueuedBytes();
    if (overloaded != paused) {
      paused = overloaded;
      LOG.debug("{} partitions: {} running, {} waiting, {} bytes", overloaded ? "Pausing" : "Resuming",
          queues.running(), queues.waiting(), bytes);
      pauseControl.accept(overloaded);
    }
  }
}
