package dev.shellbus.worker.heartbeat;

import dev.shellbus.events.v1.AssignedPartition;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.events.v1.WorkerStatus;
import dev.shellbus.worker.kafka.ConsumerMetrics;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.mapping.Outbound;
import dev.shellbus.worker.metrics.WorkerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@code WorkerHeartbeat} on the compacted workers topic, keyed by worker id, every interval: status,
 * capacity, requests running and queued, owned sandboxes and assigned partitions. A final heartbeat goes out with
 * status DRAINING when shutdown begins and STOPPED when it ends. Runs on Vert.x timers; never blocks.
 *
 * @see WorkerStatus
 */
public final class Heartbeats {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

  /** Where a heartbeat's figures come from. */
  public record Source(String workerId, String host, String version, Instant startedAt, Duration interval,
      int capacity, Supplier<ConsumerMetrics> consumer, OwnedSandboxes owned) {}

  private final Vertx vertx;
  private final EventPublisher publisher;
  private final Outbound outbound;
  private final WorkerMetrics metrics;
  private final Source source;
  private volatile WorkerStatus status = WorkerStatus.STARTING;
  private long timer = -1;

  /** Creates the heartbeat publisher; nothing is sent before {@link #start()}. */
  public Heartbeats(Vertx vertx, EventPublisher publisher, Outbound outbound, WorkerMetrics metrics, Source source) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.outbound = outbound;
    this.metrics = metrics;
    this.source = source;
  }

  /** Sends one heartbeat now and then one every interval. */
  public void start() {
    beat();
    timer = vertx.setPeriodic(source.interval().toMillis(), id -> beat());
  }

  /** Sets the status and sends a heartbeat carrying it at once. */
  public Future<Void> status(WorkerStatus next) {
    status = next;
    return beat();
  }

  /** Stops the timer; sends nothing more. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Builds the heartbeat of now. */
  public WorkerHeartbeat current() {
    ConsumerMetrics c = source.consumer().get();
    WorkerHeartbeat.Builder b = WorkerHeartbeat.newBuilder().setWorkerId(source.workerId()).setHost(source.host())
        .setVersion(source.version()).setStartedAt(source.startedAt()).setAt(Instant.now())
        .setIntervalMs((int) source.interval().toMillis()).setCapacity(source.capacity())
        .setInFlight(c == null ? 0 : c.inFlight()).setQueued(c == null ? 0 : c.queued())
        .setOwnedSandboxes(source.owned().snapshot()).setStatus(status);
    if (c != null) {
      b.setAssignedPartitions(c.assignment().stream()
          .sorted(Comparator.comparing((org.apache.kafka.common.TopicPartition tp) -> tp.topic())
              .thenComparingInt(tp -> tp.partition()))
          .map(tp -> AssignedPartition.newBuilder().setTopic(tp.topic()).setPartition(tp.partition()).build())
          .toList());
    }
    return b.build();
  }

  private Future<Void> beat() {
    return publisher.publish(outbound.heartbeat(current())).<Void>transform(ar -> {
      metrics.published("heartbeat", ar.succeeded());
      if (ar.failed()) {
        LOG.warn("Publishing the heartbeat of worker {} failed: {}", source.workerId(), ar.cause().toString());
      }
      return Future.succeededFuture();
    });
  }
}
