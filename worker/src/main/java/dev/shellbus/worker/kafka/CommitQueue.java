package dev.shellbus.worker.kafka;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * The commit commands the Vert.x context sends to the poll thread, which alone owns the consumer and its commits.
 *
 * <p>The context {@link #send sends} a command each time a partition's committable offset moves; the poll thread
 * {@link #drainTo drains} them into its {@link OffsetCommits} at the top of every turn of its loop (at most one poll
 * timeout after they were sent), before a rebalance gives partitions up, and before it leaves the group. Commands are
 * applied in the order they were sent.
 */
final class CommitQueue {

  /**
   * A command: the offset to commit for {@code partition} is now {@code next} (highest contiguous completed + 1).
   *
   * @param partition the partition whose committable offset moved
   * @param next the offset to commit, the next one to consume
   */
  record Committable(TopicPartition partition, long next) {

    /** Checks the fields. */
    Committable {
      Objects.requireNonNull(partition, "partition");
      if (next < 0) {
        throw new IllegalArgumentException("negative offset " + next);
      }
    }
  }

  private final ConcurrentLinkedQueue<Committable> commands = new ConcurrentLinkedQueue<>();

  /** Sends a command to the poll thread; any thread, never blocks. */
  void send(TopicPartition partition, long next) {
    commands.add(new Committable(partition, next));
  }

  /** Applies every command sent so far to {@code commits}, in order; poll thread only. Returns how many were dropped. */
  int drainTo(OffsetCommits commits) {
    int dropped = 0;
    for (Committable command = commands.poll(); command != null; command = commands.poll()) {
      if (!commits.apply(command)) {
        dropped++;
      }
    }
    return dropped;
  }
}
