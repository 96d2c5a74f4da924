package dev.shellbus.worker.kafka;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request states a worker keeps in memory for one partition, bounded: past {@code maxRetained} entries, the
 * oldest states whose request offset is below the partition's committed (or committable) offset are dropped.
 *
 * <p>Such a request is never redelivered to the group (redelivery starts at the committed offset), so dropping its
 * state loses nothing a crash or a rebalance needs; what it loses is the recognition of the same request id sent
 * again later, which then runs again. States at or above the committed offset (among them every attempt count a
 * redelivery needs) are never dropped, so the table holds at least the uncommitted window whatever the bound. Without the
 * bound, every completed request of the state retention (7 days by default) stayed in the heap, about 3 KiB each.
 *
 * <p>Entries are ordered by when they were last written, which follows the request offsets closely enough to drop
 * from the oldest end. Not thread-safe: the poll thread fills it while loading, then only the consumer's context
 * touches it.
 */
final class StateTable {

  /** How many entries past a kept one the eviction looks at before it gives up for this write. */
  private static final int SCAN_LIMIT = 64;

  private final int maxRetained;
  private final LinkedHashMap<String, RequestState> states = new LinkedHashMap<>();
  private long dropped;

  StateTable(int maxRetained) {
    if (maxRetained < 1) {
      throw new IllegalArgumentException("maxRetained must be >= 1, got " + maxRetained);
    }
    this.maxRetained = maxRetained;
  }

  /** Returns the state of {@code requestId}, or null. */
  RequestState get(String requestId) {
    return states.get(requestId);
  }

  /**
   * Records {@code state} as the newest entry and drops what the bound allows.
   *
   * @param committed the partition's committed or committable offset; states of requests below it may be dropped
   *     (-1 when nothing is committed)
   */
  void put(RequestState state, long committed) {
    states.remove(state.requestId());
    states.put(state.requestId(), state);
    trim(committed);
  }

  /** Forgets {@code requestId} (a tombstone on the state topic). */
  void remove(String requestId) {
    states.remove(requestId);
  }

  /** Drops the oldest droppable entries while the table is over its bound. */
  void trim(long committed) {
    int kept = 0;
    for (Iterator<Map.Entry<String, RequestState>> it = states.entrySet().iterator();
        states.size() > maxRetained && it.hasNext() && kept < SCAN_LIMIT; ) {
      RequestState s = it.next().getValue();
      if (s.offset() < committed) {
        it.remove();
        dropped++;
      } else {
        kept++;
      }
    }
  }

  /** Returns how many states the table holds. */
  int size() {
    return states.size();
  }

  /** Returns how many states were dropped for the bound since the table was made. */
  long dropped() {
    return dropped;
  }

  /** Forgets every state. */
  void clear() {
    states.clear();
  }
}
