package dev.shellbus.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxPathsTest {

  private static String accepted(String raw) {
    PathResult result = SandboxPaths.validate(raw);
    assertThat(result).as(raw).isInstanceOf(PathResult.Accepted.class);
    return ((PathResult.Accepted) result).path();
  }

  private static PathProblem rejected(String raw) {
    PathResult result = SandboxPaths.validate(raw);
    assertThat(result).as(raw).isInstanceOf(PathResult.Rejected.class);
    return ((PathResult.Rejected) result).problem();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/sandbox                | /sandbox",
      "/sandbox/               | /sandbox",
      "/sandbox//a/./b/        | /sandbox/a/b",
      "//sandbox/a             | /sandbox/a",
      "/tmp                    | /tmp",
      "/tmp/x.log              | /tmp/x.log",
      "/sandbox/%2e%2e/etc     | /sandbox/%2e%2e/etc",
      "/sandbox/%c0%ae%c0%ae   | /sandbox/%c0%ae%c0%ae",
      "/sandbox/..\\..\\etc    | /sandbox/..\\..\\etc",
      "/sandbox/a..b/...       | /sandbox/a..b/...",
      "/sandbox/.hidden        | /sandbox/.hidden",
      "/sandbox/\u2026         | /sandbox/\u2026",
      "/sandbox/données        | /sandbox/données"})
  void acceptsAndNormalizes(String raw, String normalized) {
    assertThat(accepted(raw)).isEqualTo(normalized);
  }

  @Test
  void normalizesToNfc() {
    assertThat(accepted("/sandbox/e\u0301")).isEqualTo("/sandbox/\u00e9");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sandbox/a                 | NOT_ABSOLUTE",
      "/etc/passwd               | OUTSIDE_WORKSPACE",
      "/                         | OUTSIDE_WORKSPACE",
      "/sandboxes/x              | OUTSIDE_WORKSPACE",
      "/Sandbox/x                | OUTSIDE_WORKSPACE",
      "/tmpfoo                   | OUTSIDE_WORKSPACE",
      "/sandbox/../etc           | DOT_DOT_SEGMENT",
      "/sandbox/a/..             | DOT_DOT_SEGMENT",
      "/tmp/../sandbox           | DOT_DOT_SEGMENT",
      "/sandbox/\uFF0E\uFF0E/etc | CONFUSABLE_SEGMENT",
      "/sandbox/\u2024\u2024/x   | CONFUSABLE_SEGMENT",
      "/sandbox/\u2025           | CONFUSABLE_SEGMENT",
      "/sandbox/\uFE52\uFE52     | CONFUSABLE_SEGMENT",
      "/sandbox/a\uFF0Fb         | CONFUSABLE_SEGMENT",
      "/sandbox/.\u0301          | CONFUSABLE_SEGMENT",
      "/sandbox/.\u0338.         | CONFUSABLE_SEGMENT",
      "/sandbox/a\u0085b         | CONTROL_CHARACTER",
      "/sandbox/a\u2028b         | CONTROL_CHARACTER",
      "/sandbox/\u202Etxt.exe    | FORMAT_CHARACTER",
      "/sandbox/\u2066x\u2069    | FORMAT_CHARACTER",
      "/sandbox/a\u200Bb         | FORMAT_CHARACTER",
      "/sandbox/\uFEFFa          | FORMAT_CHARACTER",
      "/sandbox/\uFFFD           | MALFORMED_UNICODE"})
  void rejectsWithTheBrokenRule(String raw, PathProblem problem) {
    assertThat(rejected(raw)).isEqualTo(problem);
  }

  @Test
  void rejectsControlCharactersAndLoneSurrogates() {
    assertThat(rejected("/sandbox/a\u0000b")).isEqualTo(PathProblem.CONTROL_CHARACTER);
    assertThat(rejected("/sandbox/a\nb")).isEqualTo(PathProblem.CONTROL_CHARACTER);
    assertThat(rejected("/sandbox/a\u007Fb")).isEqualTo(PathProblem.CONTROL_CHARACTER);
    assertThat(rejected("/sandbox/\uD800x")).isEqualTo(PathProblem.MALFORMED_UNICODE);
    assertThat(rejected(null)).isEqualTo(PathProblem.EMPTY);
    assertThat(rejected("")).isEqualTo(PathProblem.EMPTY);
  }

  @Test
  void enforcesSegmentAndPathLengthInUtf8Bytes() {
    assertThat(accepted("/sandbox/" + "a".repeat(255))).endsWith("a");
    assertThat(rejected("/sandbox/" + "a".repeat(256))).isEqualTo(PathProblem.SEGMENT_TOO_LONG);
    assertThat(rejected("/sandbox/" + "é".repeat(128))).isEqualTo(PathProblem.SEGMENT_TOO_LONG);

    String exactly4096 = "/sandbox" + ("/" + "b".repeat(99)).repeat(40) + "/" + "c".repeat(87);
    assertThat(Utf8.length(exactly4096)).isEqualTo(4096);
    assertThat(accepted(exactly4096)).isEqualTo(exactly4096);
    assertThat(rejected(exactly4096 + "c")).isEqualTo(PathProblem.TOO_LONG);
    assertThat(rejected("/sandbox/" + "/".repeat(5000))).isEqualTo(PathProblem.TOO_LONG);
  }

  @Test
  void rejectionDetailNamesTheCodePointNotThePath() {
    PathResult.Rejected r = (PathResult.Rejected) SandboxPaths.validate("/sandbox/secret-name\u0000");
    assertThat(r.detail()).isEqualTo("U+0000 at index 20").doesNotContain("secret");
  }
}
