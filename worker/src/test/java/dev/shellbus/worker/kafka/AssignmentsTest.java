package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lease rule on a fake clock: assigned, same epoch, and a fresh poll thread. */
class AssignmentsTest {

  private static final TopicPartition P0 = new TopicPartition("requests", 0);
  private static final TopicPartition P1 = new TopicPartition("requests", 1);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Assignments assignments = new Assignments(Duration.ofSeconds(10), Duration.ofSeconds(30), now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aLeaseHoldsWhileItsPartitionIsAssignedAndThePollThreadIsFresh() {
    Map<TopicPartition, Lease> leases = assignments.assigned(List.of(P0, P1));
    for (int i = 0; i < 20; i++) {
      advance(Duration.ofSeconds(3));
      assignments.polling();
      assignments.alive();
    }
    assertThat(leases.get(P0).fenced()).isEmpty();
    assertThat(leases.get(P1).fenced()).isEmpty();
  }

  @Test
  void aReleasedPartitionFencesItsLeasesAndOnlyThose() {
    Map<TopicPartition, Lease> leases = assignments.assigned(List.of(P0, P1));
    assignments.released(List.of(P0));
    assertThat(leases.get(P0).fenced()).hasValueSatisfying(why -> assertThat(why).contains("requests-0")
        .contains("no longer assigned"));
    assertThat(leases.get(P1).fenced()).isEmpty();
  }

  @Test
  void aPartitionAssignedAgainFencesTheLeasesOfTheEarlierAssignment() {
    Lease first = assignments.assigned(List.of(P0)).get(P0);
    assignments.released(List.of(P0));
    Lease second = assignments.assigned(List.of(P0)).get(P0);
    assertThat(first.fenced()).hasValueSatisfying(why -> assertThat(why).contains("assigned again"));
    assertThat(second.fenced()).isEmpty();
  }

  @Test
  void aSilentPollThreadFencesEveryLeaseAfterTheSessionTimeout() {
    Lease lease = assignments.assigned(List.of(P0)).get(P0);
    assignments.polling();
    advance(Duration.ofSeconds(10));
    assertThat(lease.fenced()).isEmpty();
    advance(Duration.ofMillis(1));
    assertThat(lease.fenced()).hasValueSatisfying(why -> assertThat(why).contains("session.timeout.ms"));
    assignments.alive();
    assertThat(lease.fenced()).as("fresh again once the thread lives").isEmpty();
  }

  @Test
  void aPollThreadStuckInACallbackPastMaxPollIntervalFencesEvenWhileAlive() {
    Lease lease = assignments.assigned(List.of(P0)).get(P0);
    assignments.polling();
    for (int i = 0; i < 30; i++) {
      advance(Duration.ofSeconds(1));
      assignments.alive();
    }
    assertThat(lease.fenced()).isEmpty();
    advance(Duration.ofMillis(500));
    assignments.alive();
    assertThat(lease.fenced()).hasValueSatisfying(why -> assertThat(why).contains("max.poll.interval.ms"));
  }

  @Test
  void clearingFencesEverythingAndTheTimeoutsComeFromTheConsumerProperties() {
    Properties props = new Properties();
    props.put("session.timeout.ms", "2000");
    Assignments configured = Assignments.of(props, now::get);
    Lease lease = configured.assigned(List.of(P0)).get(P0);
    advance(Duration.ofMillis(2001));
    assertThat(lease.fenced()).hasValueSatisfying(why -> assertThat(why).contains("(2000)"));
    configured.alive();
    configured.clear();
    assertThat(lease.fenced()).hasValueSatisfying(why -> assertThat(why).contains("no longer assigned"));
  }
}
