package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  @Test
  void nothingIsCommittableUntilTheFirstOffsetCompletes() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.register(10);
    tracker.register(11);

    assertThat(tracker.complete(11)).isFalse();
    assertThat(tracker.committable()).isEmpty();

    assertThat(tracker.complete(10)).isTrue();
    assertThat(tracker.committable()).hasValue(12);
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void aFastLaterRecordDoesNotMoveTheCommitPastASlowEarlierOne() {
    OffsetTracker tracker = new OffsetTracker();
    for (long o = 0; o < 5; o++) {
      tracker.register(o);
    }
    tracker.complete(0);
    tracker.complete(2);
    tracker.complete(3);
    tracker.complete(4);

    assertThat(tracker.committable()).hasValue(1);
    tracker.complete(1);
    assertThat(tracker.committable()).hasValue(5);
  }

  @Test
  void gapsInOffsetsAreNotWaitedFor() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.register(3);
    tracker.register(7);
    tracker.complete(3);
    assertThat(tracker.committable()).hasValue(4);
    tracker.complete(7);
    assertThat(tracker.committable()).hasValue(8);
  }

  @Test
  void redeliveredOrUnknownOffsetsAreIgnored() {
    OffsetTracker tracker = new OffsetTracker();
    assertThat(tracker.register(5)).isTrue();
    assertThat(tracker.register(5)).isFalse();
    assertThat(tracker.register(4)).isFalse();
    assertThat(tracker.complete(9)).isFalse();
    assertThat(tracker.complete(5)).isTrue();
    assertThat(tracker.complete(5)).isFalse();
    assertThat(tracker.committable()).hasValue(6);
  }
}
