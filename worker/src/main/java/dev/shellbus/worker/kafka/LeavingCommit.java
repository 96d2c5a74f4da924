package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit a stopping consumer makes before it leaves the group; poll thread only.
 *
 * <p>The group coordinator refuses every commit while the group rebalances. A worker that stops while another member
 * joins or leaves (a rolling restart stops workers one after another) would then lose the commit its revocation makes
 * on leaving, and the next owners would be handed its completed work again. So before leaving, the completed work of
 * every assigned partition is committed synchronously; while the group rebalances, {@code poll} is called with every
 * partition paused, which lets the rebalance finish without fetching anything, and the commit is tried again, until
 * {@code timeout}.
 */
final class LeavingCommit {

  private static final Logger LOG = LoggerFactory.getLogger(LeavingCommit.class);
  private static final Duration SETTLE_POLL = Duration.ofMillis(100);

  private LeavingCommit() {}

  /**
   * Commits the offsets due in {@code commits} of the partitions still assigned; those committed are forgotten by
   * {@code commits}. Every partition must be paused (the caller's rebalance listener keeps new ones paused).
   */
  static void commit(KafkaConsumer<byte[], byte[]> consumer, OffsetCommits commits, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      Map<TopicPartition, OffsetAndMetadata> batch = commits.dueFor(consumer.assignment());
      if (batch.isEmpty()) {
        return;
      }
      try {
        consumer.commitSync(batch, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        commits.committed(batch);
        LOG.info("Committed completed work before leaving the group: {}", batch);
        return;
      } catch (RebalanceInProgressException e) {
        if (System.nanoTime() >= deadline) {
          LOG.warn("The group was still rebalancing after {}; leaving without committing {}", timeout, batch);
          return;
        }
        LOG.info("The group is rebalancing; finishing the rebalance before committing (attempt {})", attempt);
      } catch (KafkaException e) {
        LOG.warn("Committing {} before leaving the group failed: {}", batch, e.toString());
        return;
      }
      if (!settle(consumer)) {
        return;
      }
    }
  }

  /** One poll with every partition paused, to let a rebalance finish; false if the consumer failed. */
  private static boolean settle(KafkaConsumer<byte[], byte[]> consumer) {
    try {
      if (!consumer.poll(SETTLE_POLL).isEmpty()) {
        LOG.warn("Records fetched while leaving the group were not run; the next owner gets them");
      }
      return true;
    } catch (KafkaException e) {
      LOG.warn("Polling to finish a rebalance before leaving the group failed: {}", e.toString());
      return false;
    }
  }
}
