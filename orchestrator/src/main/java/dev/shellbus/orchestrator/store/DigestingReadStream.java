package dev.shellbus.orchestrator.store;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A read stream that passes every buffer of another through unchanged while counting its bytes and
 * feeding them to SHA-256, so an object's digest and size are known the moment its last byte has
 * gone by. Flow control calls go straight to the source.
 */
public final class DigestingReadStream implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final ContentDigest digest = new ContentDigest();

  public DigestingReadStream(ReadStream<Buffer> source) {
    this.source = source;
  }

  /** A fresh SHA-256 digest (always present in the JDK). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** SHA-256 of {@code bytes} as 64 lowercase hex characters. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  /** Bytes seen so far. */
  public long size() {
    return digest.size();
  }

  /** SHA-256 of everything seen, as lowercase hex; call it once the stream has ended. */
  public String sha256Hex() {
    return digest.seal().sha256Hex();
  }

  @Override
  public DigestingReadStream handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
    } else {
      source.handler(chunk -> {
        digest.update(chunk);
        handler.handle(chunk);
      });
    }
    return this;
  }

  @Override
  public DigestingReadStream exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public DigestingReadStream pause() {
    source.pause();
    return this;
  }

  @Override
  public DigestingReadStream resume() {
    source.resume();
    return this;
  }

  @Override
  public DigestingReadStream fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public DigestingReadStream endHandler(Handler<Void> handler) {
    source.endHandler(handler);
    return this;
  }
}
