package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Keeps the first {@code headLimit} bytes and the last {@code tailLimit} bytes of a stream of any
 * length in bounded memory (a buffer and a ring), counting the total.
 *
 * <p>The ring is allocated only when a byte goes past the head, and bytes move in bulk: most streams
 * (a tool call's few lines) never need a tail, and a job had paid two 64 KiB rings per step for them.
 */
final class HeadTail {
  private final int headLimit;
  private final int tailLimit;
  private final Buffer head = Buffer.buffer();
  private byte[] ring;
  private int ringEnd;
  private int ringFill;
  private long total;

  HeadTail(int headLimit, int tailLimit) {
    this.headLimit = headLimit;
    this.tailLimit = tailLimit;
  }

  void add(Buffer chunk) {
    int length = chunk.length();
    total += length;
    int offset = 0;
    if (head.length() < headLimit) {
      offset = Math.min(headLimit - head.length(), length);
      head.appendBuffer(chunk, 0, offset);
    }
    if (tailLimit == 0 || offset == length) {
      return;
    }
    if (ring == null) {
      ring = new byte[tailLimit];
    }
    int from = Math.max(offset, length - tailLimit);
    while (from < length) {
      int n = Math.min(length - from, tailLimit - ringEnd);
      chunk.getBytes(from, from + n, ring, ringEnd);
      from += n;
      ringEnd = (ringEnd + n) % tailLimit;
      ringFill = Math.min(tailLimit, ringFill + n);
    }
  }

  long total() {
    return total;
  }

  OutputCapture capture(Optional<StoredObject> log) {
    byte[] tail = new byte[ringFill];
    if (ringFill > 0) {
      int start = (ringEnd - ringFill + tailLimit) % tailLimit;
      int first = Math.min(ringFill, tailLimit - start);
      System.arraycopy(ring, start, tail, 0, first);
      System.arraycopy(ring, 0, tail, first, ringFill - first);
    }
    boolean truncated = total > (long) headLimit + tailLimit;
    return new OutputCapture(head.copy(), Buffer.buffer(tail), truncated, total, log);
  }
}
