package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Keeps the first {@code headLimit} bytes and the last {@code tailLimit} bytes of a stream of any
 * length in bounded memory (a buffer and a ring), counting the total.
 */
final class HeadTail {
  private final int headLimit;
  private final byte[] ring;
  private final Buffer head = Buffer.buffer();
  private int ringEnd;
  private int ringFill;
  private long total;

  HeadTail(int headLimit, int tailLimit) {
    this.headLimit = headLimit;
    this.ring = new byte[tailLimit];
  }

  void add(Buffer chunk) {
    total += chunk.length();
    int offset = 0;
    if (head.length() < headLimit) {
      offset = Math.min(headLimit - head.length(), chunk.length());
      head.appendBuffer(chunk, 0, offset);
    }
    if (ring.length == 0 || offset == chunk.length()) {
      return;
    }
    byte[] rest = chunk.getBytes(Math.max(offset, chunk.length() - ring.length), chunk.length());
    for (byte b : rest) {
      ring[ringEnd] = b;
      ringEnd = (ringEnd + 1) % ring.length;
      ringFill = Math.min(ring.length, ringFill + 1);
    }
  }

  long total() {
    return total;
  }

  OutputCapture capture(Optional<StoredObject> log) {
    byte[] tail = new byte[ringFill];
    int start = (ringEnd - ringFill + ring.length) % Math.max(1, ring.length);
    for (int i = 0; i < ringFill; i++) {
      tail[i] = ring[(start + i) % ring.length];
    }
    boolean truncated = total > (long) headLimit + ring.length;
    return new OutputCapture(head.copy(), Buffer.buffer(tail), truncated, total, log);
  }
}
