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
}
