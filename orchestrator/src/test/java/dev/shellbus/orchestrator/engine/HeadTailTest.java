package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadTailTest {
  private static OutputCapture feed(int head, int tail, String... chunks) {
    HeadTail view = new HeadTail(head, tail);
    for (String chunk : chunks) {
      view.add(Buffer.buffer(chunk));
    }
    return view.capture(Optional.empty());
  }

  @Test
  void shortStreamIsAllHead() {
    OutputCapture c = feed(4, 4, "ab", "c");
    assertThat(c.head().toString()).isEqualTo("abc");
    assertThat(c.tail().length()).isZero();
    assertThat(c.truncated()).isFalse();
    assertThat(c.totalBytes()).isEqualTo(3);
  }

  @Test
  void streamThatFitsHeadAndTailLosesNothing() {
    OutputCapture c = feed(4, 4, "abcdef");
    assertThat(c.head().toString()).isEqualTo("abcd");
    assertThat(c.tail().toString()).isEqualTo("ef");
    assertThat(c.truncated()).isFalse();
  }

  @Test
  void longStreamKeepsFirstAndLastBytesAcrossChunks() {
    OutputCapture c = feed(3, 4, "ab", "cdefgh", "ij", "k");
    assertThat(c.head().toString()).isEqualTo("abc");
    assertThat(c.tail().toString()).isEqualTo("hijk");
    assertThat(c.truncated()).isTrue();
    assertThat(c.totalBytes()).isEqualTo(11);
  }

  @Test
  void zeroTailKeepsOnlyTheHead() {
    OutputCapture c = feed(2, 0, "abcdef");
    assertThat(c.head().toString()).isEqualTo("ab");
    assertThat(c.tail().length()).isZero();
    assertThat(c.truncated()).isTrue();
  }

  /** Random limits and chunkings against the obvious model: head = first bytes, tail = the last of what follows. */
  @Test
  void anyChunkingMatchesTheModel() {
    java.util.Random random = new java.util.Random(11);
    for (int run = 0; run < 2000; run++) {
      int headLimit = random.nextInt(20);
      int tailLimit = random.nextInt(20);
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      HeadTail view = new HeadTail(headLimit, tailLimit);
      for (int chunks = random.nextInt(8); chunks > 0; chunks--) {
        byte[] chunk = new byte[random.nextInt(30)];
        random.nextBytes(chunk);
        all.writeBytes(chunk);
        view.add(Buffer.buffer(chunk));
      }
      byte[] bytes = all.toByteArray();
      int headLength = Math.min(headLimit, bytes.length);
      int tailLength = Math.min(tailLimit, bytes.length - headLength);
      OutputCapture c = view.capture(Optional.empty());
      String at = "run " + run + ": head " + headLimit + ", tail " + tailLimit + ", " + bytes.length + " bytes";
      assertThat(c.head().getBytes()).as(at).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, headLength));
      assertThat(c.tail().getBytes()).as(at).isEqualTo(
          java.util.Arrays.copyOfRange(bytes, bytes.length - tailLength, bytes.length));
      assertThat(c.truncated()).as(at).isEqualTo(bytes.length > headLimit + tailLimit);
      assertThat(c.totalBytes()).as(at).isEqualTo(bytes.length);
    }
  }
}
