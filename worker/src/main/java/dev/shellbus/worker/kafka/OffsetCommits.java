package dev.shellbus.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The poll thread's own record of what to commit: the partitions it owns and, for each, the offset that is due for
 * commit and not yet handed to the consumer.
 *
 * <p>The Vert.x context never touches it: it sends {@link CommitQueue.Committable} commands, which the poll thread
 * applies here in the order they were sent. The rebalance listener (which runs on the poll thread inside {@code poll})
 * adds and removes partitions here, so a command or a failed commit of a partition this worker no longer owns is
 * dropped instead of committed. Not thread-safe: poll thread only.
 */
final class OffsetCommits {

  private final Set<TopicPartition> owned = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();

  /** Starts owning {@code partitions}. */
  void assigned(Collection<TopicPartition> partitions) {
    owned.addAll(partitions);
  }

  /** Stops owning {@code partitions} (revoked or lost) and forgets what was due for them. */
  void revoked(Collection<TopicPartition> partitions) {
    owned.removeAll(partitions);
    due.keySet().removeAll(partitions);
  }

  /**
   * Applies a command from the context: {@code next} is now the offset to commit for its partition. The context sends
   * a partition's offsets in increasing order, so the latest command wins. Returns false when the partition is not
   * owned and the command was dropped.
   */
  boolean apply(CommitQueue.Committable command) {
    if (!owned.contains(command.partition())) {
      return false;
    }
    due.put(command.partition(), new OffsetAndMetadata(command.next()));
    return true;
  }

  /** Returns and forgets everything due, for one commit. */
  Map<TopicPartition, OffsetAndMetadata> take() {
    Map<TopicPartition, OffsetAndMetadata> batch = Map.copyOf(due);
    due.clear();
    return batch;
  }

  /** Returns what is due for {@code partitions}, without forgetting it. */
  Map<TopicPartition, OffsetAndMetadata> dueFor(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> batch = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata next = due.get(tp);
      if (next != null) {
        batch.put(tp, next);
      }
    }
    return batch;
  }

  /** Forgets {@code offsets} after they were committed, unless a later offset became due meanwhile. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, next) -> due.remove(tp, next));
  }

  /** Puts back offsets whose commit failed, for the next commit: only for owned partitions with nothing newer due. */
  void failed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, next) -> {
      if (owned.contains(tp)) {
        due.merge(tp, next, (now, old) -> now.offset() >= old.offset() ? now : old);
      }
    });
  }
}
