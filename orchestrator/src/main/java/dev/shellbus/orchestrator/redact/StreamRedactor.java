package dev.shellbus.orchestrator.redact;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Masks the {@link Secrets} in one output stream that arrives in chunks split anywhere (also inside a secret or a
 * UTF-8 character). It holds back at most the longest secret's length minus one byte, the bytes that a later chunk
 * could still turn into a secret, and releases them on {@link #finish()}. The concatenation of what it returns is
 * exactly {@link Secrets#redact} of the whole stream.
 *
 * <p>Without secrets every chunk passes through as is, without a copy. With secrets the work is one pass over the
 * bytes with a first-byte table, cheap enough for the exec stream's event loop. Not thread-safe: one stream, one
 * context.
 */
public final class StreamRedactor {
  private static final byte[] NOTHING = new byte[0];

  private final Secrets secrets;
  private byte[] pending = NOTHING;
  private boolean finished;

  StreamRedactor(Secrets secrets) {
    this.secrets = secrets;
  }

  /** Takes the next chunk; returns the redacted bytes that are now decided (possibly none). */
  public Buffer write(Buffer chunk) {
    if (finished) {
      throw new IllegalStateException("the stream has finished");
    }
    if (secrets.isEmpty()) {
      return chunk;
    }
    byte[] data = join(pending, chunk);
    Secrets.Scan scan = secrets.scan(data, data.length, false);
    pending = Arrays.copyOfRange(data, scan.decided, data.length);
    return released(scan, data);
  }

  /** Ends the stream; returns the bytes held back until now, redacted. */
  public Buffer finish() {
    finished = true;
    if (pending.length == 0) {
      return Buffer.buffer();
    }
    byte[] data = pending;
    pending = NOTHING;
    return released(secrets.scan(data, data.length, true), data);
  }

  private static Buffer released(Secrets.Scan scan, byte[] data) {
    if (scan.out != null) {
      return Buffer.buffer(scan.out.toByteArray());
    }
    return scan.decided == data.length ? Buffer.buffer(data) : Buffer.buffer(Arrays.copyOf(data, scan.decided));
  }

  private static byte[] join(byte[] head, Buffer chunk) {
    byte[] data = new byte[head.length + chunk.length()];
    System.arraycopy(head, 0, data, 0, head.length);
    chunk.getBytes(data, head.length);
    return data;
  }
}
