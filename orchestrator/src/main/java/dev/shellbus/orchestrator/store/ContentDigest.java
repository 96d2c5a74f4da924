package dev.shellbus.orchestrator.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The size and SHA-256 of a byte sequence fed to it in order, reading the bytes where they lie (no
 * copy into a fresh array per chunk). It is fed from one thread at a time; {@link #seal()} ends it
 * and publishes the result, so that another thread (the one a store call completes on) may read
 * {@link #sealed()} afterwards.
 */
public final class ContentDigest {
  private final MessageDigest sha256 = DigestingReadStream.newSha256();
  private long size;
  private volatile Sealed sealed;

  /** The final size and digest. */
  public record Sealed(long size, String sha256Hex) {}

  /** Adds the remaining bytes of {@code bytes}; its position is left where it was. */
  public void update(ByteBuffer bytes) {
    size += bytes.remaining();
    sha256.update(bytes.duplicate());
  }

  /** Adds the bytes of {@code chunk}. */
  public void update(Buffer chunk) {
    for (ByteBuffer part : ((BufferInternal) chunk).getByteBuf().nioBuffers()) {
      update(part);
    }
  }

  /** Bytes added so far (on the feeding thread). */
  public long size() {
    return size;
  }

  /** Ends the sequence (once; later calls return the same result). */
  public Sealed seal() {
    Sealed result = sealed;
    if (result == null) {
      result = new Sealed(size, HexFormat.of().formatHex(sha256.digest()));
      sealed = result;
    }
    return result;
  }

  /**
   * The result of {@link #seal()}, from any thread that learned of the seal through a
   * happens-before edge or later in time.
   *
   * @throws IllegalStateException if the sequence was not sealed
   */
  public Sealed sealed() {
    Sealed result = sealed;
    if (result == null) {
      throw new IllegalStateException("digest read before the content ended");
    }
    return result;
  }
}
