package dev.shellbus.worker.kafka;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.SandboxRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: the only thread that touches the {@link KafkaConsumer}.
 *
 * <p>It polls, decodes and hands batches to the consumer's Vert.x context with {@code runOnContext}; runs the commands
 * the context queues for it (pause, resume); applies the commit commands the context sends on the {@link CommitQueue}
 * to its own {@link OffsetCommits} and commits them; and runs the {@link PartitionRebalance} callbacks, which work on
 * the same {@link OffsetCommits}. The event loop never calls the consumer and this thread never blocks the event
 * loop: everything it asks of the context goes through {@code runOnContext}.
 */
final class PollLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final ConsumerOptions options;
  private final Context context;
  private final ConsumerMetrics metrics;
  private final CommitQueue commitQueue;
  private final OffsetCommits commits = new OffsetCommits();
  private final Assignments assignments;
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final Promise<Void> started = Promise.promise();
  private final Promise<Void> terminated = Promise.promise();
  private final EventDeserializer<SandboxRequest> deserializer = new EventDeserializer<>(SandboxRequest.class);
  private Dispatcher dispatcher;
  private KafkaConsumer<byte[], byte[]> consumer;
  private StateLoader states;
  private volatile boolean stopping;
  private volatile boolean aborted;
  private volatile Duration revokeGrace;
  private boolean backpressure;
  private volatile BooleanSupplier hold = () -> false;
  private boolean held;
  private boolean draining;

  PollLoop(ConsumerOptions options, Context context, ConsumerMetrics metrics,
      CommitQueue commitQueue) {
    this.options = options;
    this.context = context;
    this.metrics = metrics;
    this.commitQueue = commitQueue;
    this.revokeGrace = options.revokeGrace();
    this.assignments = Assignments.of(ConsumerProperties.of(options), System::nanoTime);
  }

  /** The assignment the leases of running attempts are checked against. */
  Assignments assignments() {
    return assignments;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  boolean aborted() {
    return aborted;
  }

  Duration revokeGrace() {
    return revokeGrace;
  }

  void bind(Dispatcher target) {
    this.dispatcher = target;
  }

  Future<Void> started() {
    return started.future();
  }

  Future<Void> terminated() {
    return terminated.future();
  }

  /** Asks the poll thread to pause or resume the assigned partitions for backpressure; any thread. */
  void setPaused(boolean pause) {
    commands.add(() -> {
      backpressure = pause;
      applyPause();
    });
  }

  /** Makes the poll thread stop fetching while {@code hold} answers true (a dependency is down); any thread. */
  void holdWhile(BooleanSupplier hold) {
    this.hold = hold;
  }

  /**
   * Holds the poll thread for {@code duration} before its next poll, as a frozen process or a stuck client would hold
   * it; the heartbeat thread goes on, until {@code max.poll.interval.ms} makes the client leave the group. For tests.
   */
  void stall(Duration duration) {
    commands.add(() -> {
      LOG.warn("Poll thread of worker {} stalls for {} (test hook)", options.workerId(), duration);
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Stops fetching, lets the context finish running work (up to {@code grace}), then commits and closes. */
  void drain(Duration grace) {
    commands.add(() -> {
      draining = true;
      applyPause();
      LOG.info("Draining: fetching stopped, waiting up to {} for running requests", grace);
      context.runOnContext(v -> dispatcher.drain(grace).onComplete(ar -> stop(Duration.ZERO)));
    });
  }

  /** Stops polling at once; commits completed work unless {@code abort} was called. */
  void stop(Duration grace) {
    revokeGrace = grace;
    stopping = true;
  }

  /**
   * Stops without committing or giving up anything, as a crash would: running requests are left running, but every
   * lease is up at once, so they touch no sandbox and publish nothing any more.
   */
  void abort() {
    aborted = true;
    assignments.clear();
    stop(Duration.ZERO);
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      consumer = new KafkaConsumer<>(ConsumerProperties.of(options));
      states = new StateLoader(options, CALL_TIMEOUT);
      TopicInitializer.requireCoPartitioned(options.topics(),
          consumer.partitionsFor(options.topics().requests(), CALL_TIMEOUT).size(),
          consumer.partitionsFor(options.topics().requestState(), CALL_TIMEOUT).size());
      consumer.subscribe(List.of(options.topics().requests()),
          new PartitionRebalance(this, options, context, consumer, states, commitQueue, commits));
      LOG.info("Consuming {} as group {} (worker {})", options.topics().requests(), options.groupId(),
          options.workerId());
      context.runOnContext(v -> started.tryComplete());
      loop();
    } catch (Throwable e) {
      failure = e;
      LOG.error("Request consumer of worker {} failed", options.workerId(), e);
    } finally {
      close();
      Throwable cause = failure;
      context.runOnContext(v -> {
        started.tryFail(cause != null ? cause : new IllegalStateException("stopped before it started"));
        if (cause == null) {
          terminated.tryComplete();
        } else {
          terminated.tryFail(cause);
        }
      });
    }
  }

  private void loop() {
    long nextCommit = System.nanoTime() + options.commitInterval().toNanos();
    while (!stopping) {
      for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
        command.run();
      }
      commitQueue.drainTo(commits);
      applyHold();
      if (System.nanoTime() >= nextCommit) {
        commitCompleted();
        nextCommit = System.nanoTime() + options.commitInterval().toNanos();
      }
      assignments.polling();
      ConsumerRecords<byte[], byte[]> records = consumer.poll(options.pollTimeout());
      assignments.alive();
      if (!records.isEmpty()) {
        List<Polled> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
          batch.add(Polled.decode(record, deserializer));
        }
        context.runOnContext(v -> dispatcher.records(batch));
      }
      publishState();
    }
  }

  private void close() {
    assignments.clear();
    if (consumer != null) {
      if (!aborted && stopping) {
        draining = true;
        applyPause();
        commitQueue.drainTo(commits);
        LeavingCommit.commit(consumer, commits, CALL_TIMEOUT);
      }
      try {
        consumer.unsubscribe();
      } catch (KafkaException e) {
        LOG.warn("Leaving the group failed: {}", e.toString());
      }
      // A static member does not leave the group on its own; a stop that is not a crash hands its partitions over now.
      consumer.close(CloseOptions.groupMembershipOperation(aborted
          ? CloseOptions.GroupMembershipOperation.DEFAULT : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
    if (states != null) {
      states.close();
    }
    LOG.info("Request consumer of worker {} closed{}", options.workerId(), aborted ? " (aborted, nothing committed)"
        : "");
  }

  private void commitCompleted() {
    Map<TopicPartition, OffsetAndMetadata> batch = commits.take();
    if (batch.isEmpty() || aborted) {
      return;
    }
    consumer.commitAsync(batch, (offsets, error) -> {
      if (error != null) {
        LOG.warn("Committing {} failed, will retry: {}", offsets, error.toString());
        commits.failed(offsets);
      } else {
        LOG.debug("Committed {}", offsets);
      }
    });
  }

  /** Follows the hold condition: pauses or resumes when it changed; poll thread only. */
  private void applyHold() {
    boolean now = hold.getAsBoolean();
    if (now != held) {
      held = now;
      LOG.info("{} fetching requests: {}", now ? "Stopped" : "Resumed",
          now ? "a dependency is unavailable" : "dependencies available again");
      applyPause();
    }
  }

  /** Pauses or resumes every assigned partition as backpressure, outages and draining ask; poll thread only. */
  void applyPause() {
    if (draining || backpressure || held) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void publishState() {
    Map<TopicPartition, Long> lags = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      consumer.currentLag(tp).ifPresent(lag -> lags.put(tp, lag));
    }
    metrics.consumerState(consumer.assignment(), consumer.paused(), lags);
  }
}
