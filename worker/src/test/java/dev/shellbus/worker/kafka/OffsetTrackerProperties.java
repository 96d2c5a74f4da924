package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the completion order, the committable offset is the end of the completed prefix, never beyond. */
class OffsetTrackerProperties {

  @Property(tries = 500)
  void commitNeverPassesAnIncompleteOffset(@ForAll @IntRange(min = 1, max = 60) int count,
      @ForAll @LongRange(min = 0, max = 1_000_000) long firstOffset, @ForAll long seed) {
    Random random = new Random(seed);
    List<Long> offsets = new ArrayList<>();
    long offset = firstOffset;
    for (int i = 0; i < count; i++) {
      offsets.add(offset);
      offset += 1 + random.nextInt(3);
    }
    OffsetTracker tracker = new OffsetTracker();
    offsets.forEach(tracker::register);
    List<Long> order = new ArrayList<>(offsets);
    Collections.shuffle(order, random);

    TreeSet<Long> incomplete = new TreeSet<>(offsets);
    for (long done : order) {
      tracker.complete(done);
      incomplete.remove(done);
      if (incomplete.isEmpty()) {
        assertThat(tracker.committable()).hasValue(offsets.get(offsets.size() - 1) + 1);
      } else if (incomplete.first().equals(offsets.get(0))) {
        assertThat(tracker.committable()).isEmpty();
      } else {
        long lastCompletedBeforeGap = offsets.get(offsets.indexOf(incomplete.first()) - 1);
        assertThat(tracker.committable()).hasValue(lastCompletedBeforeGap + 1);
        assertThat(tracker.committable().getAsLong()).isLessThanOrEqualTo(incomplete.first());
      }
    }
    assertThat(tracker.pending()).isZero();
  }
}
