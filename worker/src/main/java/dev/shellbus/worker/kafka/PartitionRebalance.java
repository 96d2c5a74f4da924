package dev.shellbus.worker.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles rebalances on the poll thread, and logs every assignment, revocation and loss.
 *
 * <p>On assignment it reads each new partition's request states (blocking, before {@code poll} can return a record
 * of it) and hands them to the context ahead of any record. On revocation it asks the context to stop dispatching the
 * partitions, waits for their running requests up to the revocation grace, and commits their completed work
 * synchronously, so that the next owner neither repeats completed work nor runs a request while it still runs here.
 * Lost partitions are given up at once and nothing is committed for them. It keeps the poll thread's
 * {@link OffsetCommits} in step with the assignment: commit commands the context sent for a partition before giving it
 * up are drained first, then the partition is removed, so that nothing is committed later for a partition this worker
 * no longer owns. It keeps the {@link Assignments} the attempts' leases are checked against: a new epoch per assigned
 * partition; a revoked partition is released once the context gave it up (during the grace its running requests may
 * still finish: nobody else owns it yet), a lost one at once. A worker that aborts (a crash) gives nothing up: its
 * leases are already up, and its running requests are left as a crash would leave them.
 */
final class PartitionRebalance implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionRebalance.class);
  private static final long ALIVE_TICK_MS = 500;

  private final PollLoop loop;
  private final ConsumerOptions options;
  private final Context context;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final StateLoader states;
  private final CommitQueue commitQueue;
  private final OffsetCommits commits;

  PartitionRebalance(PollLoop loop, ConsumerOptions options, Context context, KafkaConsumer<byte[], byte[]> consumer,
      StateLoader states, CommitQueue commitQueue, OffsetCommits commits) {
    this.loop = loop;
    this.options = options;
    this.context = context;
    this.consumer = consumer;
    this.states = states;
    this.commitQueue = commitQueue;
    this.commits = commits;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    LOG.info("Partitions assigned to worker {}: {}", options.workerId(), partitions);
    commits.assigned(partitions);
    Map<TopicPartition, Lease> leases = loop.assignments().assigned(partitions);
    Map<TopicPartition, Long> committed = committed(partitions);
    for (TopicPartition tp : partitions) {
      StateTable loaded = states.load(tp.partition(), committed.getOrDefault(tp, -1L));
      Lease lease = leases.get(tp);
      context.runOnContext(v -> loop.dispatcher().assigned(tp, loaded, lease));
    }
    loop.applyPause();
  }

  /** The group's committed offsets of {@code partitions}, in one call; none for a partition without one. */
  private Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try {
      consumer.committed(Set.copyOf(partitions), PollLoop.CALL_TIMEOUT).forEach((tp, at) -> {
        if (at != null) {
          offsets.put(tp, at.offset());
        }
      });
    } catch (KafkaException e) {
      LOG.warn("Reading the committed offsets of {} failed, keeping all their request states: {}", partitions,
          e.toString());
    }
    return offsets;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    LOG.info("Partitions revoked from worker {}: {}", options.workerId(), partitions);
    if (aborted(partitions)) {
      return;
    }
    Duration grace = loop.revokeGrace();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        onContext(() -> loop.dispatcher().revoke(partitions, grace), grace);
    giveUp(partitions);
    if (loop.aborted() || offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, PollLoop.CALL_TIMEOUT);
      LOG.info("Committed completed work of revoked partitions: {}", offsets);
    } catch (KafkaException e) {
      LOG.warn("Committing {} on revocation failed: {}", offsets, e.toString());
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    LOG.warn("Partitions lost by worker {} (another member may own them now): {}", options.workerId(), partitions);
    loop.assignments().released(partitions);
    if (aborted(partitions)) {
      return;
    }
    onContext(() -> loop.dispatcher().revoke(partitions, Duration.ZERO), Duration.ZERO);
    giveUp(partitions);
  }

  /** After an abort, drops the partitions' bookkeeping only: a crash cancels nothing; answers whether it did. */
  private boolean aborted(Collection<TopicPartition> partitions) {
    if (!loop.aborted()) {
      return false;
    }
    LOG.info("Worker {} aborted: leaving the running requests of {} as a crash would", options.workerId(), partitions);
    loop.assignments().released(partitions);
    giveUp(partitions);
    return true;
  }

  /**
   * Drops what is due for {@code partitions} once the context has given them up: the commands it sent before are
   * applied first (the offset the revocation commits is at least as high), and later ones find them not owned.
   */
  private void giveUp(Collection<TopicPartition> partitions) {
    loop.assignments().released(partitions);
    commitQueue.drainTo(commits);
    commits.revoked(partitions);
  }

  private Map<TopicPartition, OffsetAndMetadata> onContext(
      Supplier<Future<Map<TopicPartition, OffsetAndMetadata>>> call, Duration grace) {
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> answer = new CompletableFuture<>();
    context.runOnContext(v -> call.get().onComplete(ar -> answer.complete(ar.succeeded() ? ar.result() : Map.of())));
    long until = System.nanoTime() + grace.toNanos() + PollLoop.CALL_TIMEOUT.toNanos();
    try {
      // Waits in slices, telling the leases the poll thread is alive: the heartbeat thread keeps the membership.
      while (true) {
        try {
          return answer.get(Math.min(ALIVE_TICK_MS, Math.max(1, (until - System.nanoTime()) / 1_000_000)),
              TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() >= until) {
            throw e;
          }
          loop.assignments().alive();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } catch (Exception e) {
      LOG.error("The Vert.x context did not answer a revocation in time; committing nothing for it", e);
      return Map.of();
    }
  }
}
