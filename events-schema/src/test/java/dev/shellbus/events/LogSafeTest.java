package dev.shellbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void shortPlainValuesPassUnchanged() {
    assertThat(LogSafe.id("req-1")).isEqualTo("req-1");
    assertThat(LogSafe.text("a message with ümlauts and C:\\path")).isEqualTo("a message with ümlauts and C:\\path");
    assertThat(LogSafe.id((String) null)).isEqualTo("null");
    assertThat(LogSafe.id((byte[]) null)).isEqualTo("null");
  }

  @Test
  void longValuesAreClippedWithAMarkerSayingHowMuchWasLeftOut() {
    String clipped = LogSafe.id("x".repeat(20_000));
    assertThat(clipped).isEqualTo("x".repeat(LogSafe.MAX_ID) + "…(+19744 chars)");
    assertThat(LogSafe.text("y".repeat(5000))).hasSize(LogSafe.MAX_TEXT + "…(+3976 chars)".length());
    assertThat(LogSafe.id("z".repeat(LogSafe.MAX_ID))).isEqualTo("z".repeat(LogSafe.MAX_ID));
  }

  @Test
  void lineBreaksAndControlCharactersCannotForgeALine() {
    String forged = "r1\n2026-01-01T00:00:00.000Z INFO  [main] d.s.w.Worker Worker stopped\r\u0000\u001b[31m";
    String safe = LogSafe.id(forged);
    assertThat(safe).doesNotContain("\n", "\r", "\u0000", "\u001b")
        .isEqualTo("r1\\n2026-01-01T00:00:00.000Z INFO  [main] d.s.w.Worker Worker stopped\\r\\u0000\\u001B[31m");
    assertThat(LogSafe.id("a\tb\u2028c\u2029d\u0085e")).isEqualTo("a\\tb\\u2028c\\u2029d\\u0085e");
  }

  @Test
  void invisibleFormattingAndLoneSurrogatesAreShownNotApplied() {
    assertThat(LogSafe.id("admin\u202Egnp.exe")).isEqualTo("admin\\u202Egnp.exe");
    assertThat(LogSafe.id("ad\u200Dmin")).isEqualTo("ad\\u200Dmin");
    assertThat(LogSafe.id("x\uD800y")).isEqualTo("x\\uD800y");
    assertThat(LogSafe.id("tag\uDB40\uDC01")).isEqualTo("tag\\u{E0001}");
    assertThat(LogSafe.id("emoji \uD83D\uDE00 and 中文")).isEqualTo("emoji \uD83D\uDE00 and 中文");
  }

  @Test
  void escapesCountTowardsTheBoundSoNothingGrowsPastIt() {
    String clipped = LogSafe.id("\n".repeat(20_000));
    assertThat(clipped).startsWith("\\n\\n").endsWith("…(+19872 chars)");
    assertThat(clipped.length()).isLessThanOrEqualTo(LogSafe.MAX_ID + LogSafe.MARKER_MAX);
    assertThat(LogSafe.id("\u0001".repeat(1000)).length()).isLessThanOrEqualTo(LogSafe.MAX_ID + LogSafe.MARKER_MAX);
  }

  @Test
  void aSurrogatePairIsNeverSplitAtTheBound() {
    String clipped = LogSafe.clip("a" + "\uD83D\uDE00".repeat(10), 4);
    assertThat(clipped).isEqualTo("a\uD83D\uDE00…(+18 chars)");
  }

  @Test
  void bytesAreDecodedAsUtf8ThenClipped() {
    byte[] key = ("k\n" + "k".repeat(1000)).getBytes(StandardCharsets.UTF_8);
    assertThat(LogSafe.id(key)).startsWith("k\\nk").endsWith("…(+747 chars)");
  }

  @Test
  void aThrowableKeepsItsTraceButItsMessagesAreClipped() {
    IllegalStateException cause = new IllegalStateException("bad\nline " + "c".repeat(5000));
    RuntimeException failure = new RuntimeException("request " + "r".repeat(5000) + " failed", cause);
    Throwable safe = LogSafe.throwable(failure);

    assertThat(safe.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(safe.toString()).startsWith("java.lang.RuntimeException: request rrr").doesNotContain("\n")
        .hasSizeLessThanOrEqualTo("java.lang.RuntimeException: ".length() + LogSafe.MAX_TEXT + LogSafe.MARKER_MAX);
    assertThat(safe.getCause().toString()).startsWith("java.lang.IllegalStateException: bad\\nline ccc")
        .doesNotContain("\n");
    assertThat(safe.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
    assertThat(LogSafe.throwable(null)).isNull();
  }
}
