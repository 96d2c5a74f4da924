package dev.shellbus.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Size and SHA-256 are the same however the bytes are held: heap, read-only view, direct, slice, composite. */
class ContentDigestTest {
  private static final byte[] BYTES = random(100_003);

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(3).nextBytes(bytes);
    return bytes;
  }

  @Test
  void everyKindOfBufferGivesTheDigestOfItsBytes() {
    ContentDigest digest = new ContentDigest();
    digest.update(ByteBuffer.wrap(BYTES, 0, 10_000));
    digest.update(ByteBuffer.wrap(BYTES, 10_000, 20_000).asReadOnlyBuffer());
    ByteBuffer direct = ByteBuffer.allocateDirect(30_000).put(BYTES, 30_000, 30_000).flip();
    digest.update(direct);
    digest.update(Buffer.buffer(BYTES).slice(60_000, 80_000));
    digest.update(BufferInternal.buffer(Unpooled.wrappedBuffer(
        Unpooled.wrappedBuffer(BYTES, 80_000, 10_000), Unpooled.wrappedBuffer(BYTES, 90_000, 10_003))));

    assertThat(direct.position()).as("a caller's buffer is not consumed").isZero();
    assertThat(digest.size()).isEqualTo(BYTES.length);
    ContentDigest.Sealed sealed = digest.seal();
    assertThat(sealed.size()).isEqualTo(BYTES.length);
    assertThat(sealed.sha256Hex()).isEqualTo(DigestingReadStream.sha256Hex(BYTES));
    assertThat(digest.seal()).isSameAs(sealed);
    assertThat(digest.sealed()).isSameAs(sealed);
  }

  @Test
  void readingTheResultBeforeTheEndIsAnError() {
    ContentDigest digest = new ContentDigest();
    digest.update(ByteBuffer.wrap(BYTES));
    assertThatThrownBy(digest::sealed).isInstanceOf(IllegalStateException.class);
  }
}
