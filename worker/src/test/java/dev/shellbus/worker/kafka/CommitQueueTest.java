package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The commit command path: the context sends, the poll thread alone applies, to its own state. */
class CommitQueueTest {

  private static final TopicPartition P0 = new TopicPartition("requests", 0);
  private static final TopicPartition P1 = new TopicPartition("requests", 1);

  private final CommitQueue queue = new CommitQueue();
  private final OffsetCommits commits = new OffsetCommits();

  @Test
  void commandsFromAnotherThreadAreAppliedInOrderByThePollThread() throws Exception {
    int last = 20_000;
    commits.assigned(List.of(P0, P1));
    Thread context = new Thread(() -> {
      for (int next = 1; next <= last; next++) {
        queue.send(P0, next);
        queue.send(P1, next);
      }
    }, "context");
    List<Long> seen0 = new ArrayList<>();
    List<Long> seen1 = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread poll = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((lastOf(seen0) < last || lastOf(seen1) < last) && System.nanoTime() < deadline) {
        if (queue.drainTo(commits) != 0) {
          failure.set(new AssertionError("a command for an owned partition was dropped"));
          return;
        }
        Map<TopicPartition, OffsetAndMetadata> batch = commits.take();
        if (batch.containsKey(P0)) {
          seen0.add(batch.get(P0).offset());
        }
        if (batch.containsKey(P1)) {
          seen1.add(batch.get(P1).offset());
        }
      }
    }, "poll");
    poll.start();
    context.start();
    context.join(30_000);
    poll.join(30_000);

    assertThat(failure.get()).isNull();
    assertThat(seen0).isSorted().doesNotHaveDuplicates().last().isEqualTo((long) last);
    assertThat(seen1).isSorted().doesNotHaveDuplicates().last().isEqualTo((long) last);
  }

  @Test
  void theLatestCommandOfAPartitionIsWhatIsDue() {
    commits.assigned(List.of(P0));
    queue.send(P0, 3);
    queue.send(P0, 7);

    queue.drainTo(commits);

    assertThat(commits.take()).containsExactly(Map.entry(P0, new OffsetAndMetadata(7)));
    assertThat(commits.take()).isEmpty();
  }

  @Test
  void aCommandForARevokedPartitionIsDropped() {
    commits.assigned(List.of(P0, P1));
    queue.send(P1, 5);
    queue.drainTo(commits);
    commits.revoked(List.of(P1));
    queue.send(P0, 4);
    queue.send(P1, 6);

    assertThat(queue.drainTo(commits)).isEqualTo(1);
    assertThat(commits.take()).containsExactly(Map.entry(P0, new OffsetAndMetadata(4)));
  }

  @Test
  void aCommandForAPartitionNeverAssignedIsDropped() {
    queue.send(P0, 1);

    assertThat(queue.drainTo(commits)).isEqualTo(1);
    assertThat(commits.take()).isEmpty();
  }

  @Test
  void aFailedCommitComesBackOnlyForOwnedPartitionsWithNothingNewerDue() {
    owningBothWithDue(2, 2);
    Map<TopicPartition, OffsetAndMetadata> failed = commits.take();
    queue.send(P0, 9);
    queue.drainTo(commits);
    commits.revoked(List.of(P1));

    commits.failed(failed);

    assertThat(commits.take()).containsExactly(Map.entry(P0, new OffsetAndMetadata(9)));
  }

  @Test
  void aCommittedOffsetIsForgottenAndTheRestStaysDue() {
    owningBothWithDue(2, 3);

    Map<TopicPartition, OffsetAndMetadata> leaving = commits.dueFor(List.of(P0));
    commits.committed(leaving);

    assertThat(leaving).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    assertThat(commits.take()).containsExactly(Map.entry(P1, new OffsetAndMetadata(3)));
  }

  @Test
  void aCommitDoesNotForgetALaterOffsetThatBecameDueMeanwhile() {
    owningBothWithDue(2, 3);
    Map<TopicPartition, OffsetAndMetadata> leaving = commits.dueFor(List.of(P0));
    queue.send(P0, 5);
    queue.drainTo(commits);

    commits.committed(leaving);

    assertThat(commits.dueFor(List.of(P0))).containsExactly(Map.entry(P0, new OffsetAndMetadata(5)));
  }

  /** Owns P0 and P1, with {@code next0} and {@code next1} sent and applied. */
  private void owningBothWithDue(long next0, long next1) {
    commits.assigned(List.of(P0, P1));
    queue.send(P0, next0);
    queue.send(P1, next1);
    queue.drainTo(commits);
  }

  private static long lastOf(List<Long> seen) {
    return seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
  }
}
