package dev.shellbus.worker.kafka;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Tracks the offsets of one partition from hand-over to completion and says what may be committed.
 *
 * <p>Offsets are registered in the order the consumer delivers them and completed in any order; the committable
 * offset is the highest contiguous completed offset + 1, so a fast record completing before a slow earlier one never
 * moves the commit past the slow one. Not thread-safe: it lives on the consumer's Vert.x context.
 */
final class OffsetTracker {

  private final TreeMap<Long, Boolean> pending = new TreeMap<>();
  private long last = -1;
  private long committable = -1;

  /** Registers a delivered offset; false (ignored) when it is not above every offset registered before. */
  boolean register(long offset) {
    if (offset <= last) {
      return false;
    }
    last = offset;
    pending.put(offset, Boolean.FALSE);
    return true;
  }

  /** Marks an offset completed; returns whether the committable offset moved. */
  boolean complete(long offset) {
    if (pending.replace(offset, Boolean.TRUE) == null) {
      return false;
    }
    boolean moved = false;
    for (Map.Entry<Long, Boolean> head = pending.firstEntry(); head != null && head.getValue();
        head = pending.firstEntry()) {
      committable = head.getKey() + 1;
      pending.pollFirstEntry();
      moved = true;
    }
    return moved;
  }

  /** Returns the offset to commit (highest contiguous completed + 1), empty while nothing has completed. */
  OptionalLong committable() {
    return committable < 0 ? OptionalLong.empty() : OptionalLong.of(committable);
  }

  /** Returns how many registered offsets are not yet below the committable one. */
  int pending() {
    return pending.size();
  }
}
