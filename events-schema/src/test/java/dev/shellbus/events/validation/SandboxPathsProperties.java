package dev.shellbus.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Adversarial paths: traversal, escapes, look-alikes, invisible characters and oversize segments. */
class SandboxPathsProperties {

  /** Segments an attacker would try, next to ordinary names. */
  private static final List<String> TRICKY = List.of(
      "sandbox", "tmp", "etc", "passwd", "..", ".", "", "...", "%2e%2e", "%2f", "..%2f", "%c0%ae", "\\..\\",
      "\uFF0E\uFF0E", "\u2025", "\u2024\u2024", "\uFE52.", ".\u0301", "\u0338..", "a\uFF0Fb", "\u2215",
      "\u0000", "\n", "\u0085", "\u202E", "\u2066", "\u200D", "\uFEFF", "\uD83D", "\uFFFD",
      "e\u0301", "\u00e9", "ﬁle", "\u212A", "a\u0308", "\u0627\u0644", "\uD83D\uDE00", "x".repeat(300));

  @Provide
  Arbitrary<String> hostilePaths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.of(TRICKY),
        Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(6));
    Arbitrary<String> root = Arbitraries.of("/sandbox", "/tmp", "/", "", "/etc", "sandbox", "/sandbox/..");
    return Combinators.combine(root, segment.list().ofMaxSize(8))
        .as((r, segments) -> r + (segments.isEmpty() ? "" : "/" + String.join("/", segments)));
  }

  @Property(tries = 2000)
  void everyAcceptedPathIsNormalizedAndConfined(@ForAll("hostilePaths") String raw) {
    PathResult result = SandboxPaths.validate(raw);
    Statistics.label("outcome").collect(result instanceof PathResult.Rejected r ? r.problem().name() : "ACCEPTED");
    Statistics.label("outcome").coverage(c -> {
      c.check("ACCEPTED").percentage(p -> p > 5);
      for (PathProblem p : List.of(PathProblem.DOT_DOT_SEGMENT, PathProblem.CONFUSABLE_SEGMENT,
          PathProblem.CONTROL_CHARACTER, PathProblem.FORMAT_CHARACTER, PathProblem.OUTSIDE_WORKSPACE)) {
        c.check(p.name()).count(n -> n > 0);
      }
    });
    if (!(result instanceof PathResult.Accepted accepted)) {
      return;
    }
    String path = accepted.path();
    assertThat(path).as("accepted from %s", raw).matches("/sandbox(/.*)?|/tmp(/.*)?");
    assertThat(Normalizer.isNormalized(path, Normalizer.Form.NFC)).isTrue();
    assertThat(Utf8.length(path)).isLessThanOrEqualTo(SandboxPaths.MAX_PATH_BYTES);
    for (String segment : path.substring(1).split("/")) {
      String compat = Normalizer.normalize(segment, Normalizer.Form.NFKC);
      assertThat(segment).as("segment of accepted %s", path).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
      assertThat(compat).as("NFKC of segment '%s' of accepted %s", segment, path)
          .isNotEqualTo("..").isNotEqualTo(".").doesNotContain("/");
      assertThat(Utf8.length(segment)).isLessThanOrEqualTo(SandboxPaths.MAX_SEGMENT_BYTES);
    }
    assertThat(path.codePoints()).noneMatch(cp -> Utf8.isControl(cp) || Character.getType(cp) == Character.FORMAT);
    assertThat(SandboxPaths.validate(path)).isEqualTo(result);
  }

  @Property(tries = 500)
  void anyDotDotSegmentIsRejectedWhereverItSits(@ForAll("safeSegments") List<String> before,
      @ForAll("safeSegments") List<String> after, @ForAll boolean scratch) {
    String raw = (scratch ? "/tmp/" : "/sandbox/") + join(before) + "../" + join(after);
    assertThat(SandboxPaths.validate(raw)).isEqualTo(
        new PathResult.Rejected(PathProblem.DOT_DOT_SEGMENT, "segment " + (before.size() + 1) + " is .."));
  }

  @Property
  void lookAlikeDotsNeverPassAsASegment(@ForAll("dotLikes") String first, @ForAll("dotLikes") String second) {
    PathResult single = SandboxPaths.validate("/sandbox/x/" + first + "/y");
    PathResult pair = SandboxPaths.validate("/sandbox/x/" + first + second + "/y");
    assertThat(single.accepted() && !".".equals(first)).as("look-alike segment '%s' accepted", first).isFalse();
    assertThat(pair.accepted()).as("look-alike segment '%s%s' accepted", first, second).isFalse();
  }

  @Property(tries = 500)
  void anyControlOrFormatCharacterAnywhereIsRejected(@ForAll("safeSegments") List<String> segments,
      @ForAll("invisible") int codePoint, @ForAll @IntRange(min = 0, max = 200) int position) {
    String valid = "/sandbox/" + join(segments);
    int at = 1 + position % valid.length();
    String raw = valid.substring(0, at) + Character.toString(codePoint) + valid.substring(at);
    assertThat(SandboxPaths.validate(raw).accepted()).as("U+%04X", codePoint).isFalse();
  }

  @Property
  void ordinaryPathsAreAcceptedAsWritten(@ForAll("safeSegments") List<String> segments) {
    String raw = "/sandbox" + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
    assertThat(SandboxPaths.validate(raw)).isEqualTo(new PathResult.Accepted(raw));
  }

  @Property
  void segmentsOverTheByteLimitAreRejected(@ForAll @IntRange(min = 256, max = 2000) int length, @ForAll boolean wide) {
    String name = wide ? "é".repeat(length / 2 + 1) : "a".repeat(length);
    assertThat(SandboxPaths.validate("/sandbox/" + name).accepted()).isFalse();
  }

  @Property
  void anyStringIsAnsweredWithoutThrowing(@ForAll String raw) {
    assertThat(SandboxPaths.validate(raw)).isNotNull();
    assertThat(SandboxPaths.validate("/sandbox/" + raw)).isNotNull();
  }

  @Provide
  Arbitrary<List<String>> safeSegments() {
    return Arbitraries.strings().alpha().numeric().withChars("_-").ofMinLength(1).ofMaxLength(20)
        .map(s -> "x" + s).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> dotLikes() {
    return Arbitraries.of(".", "\u2024", "\uFF0E", "\uFE52", ".\u0301", ".\u0307", "\u2024\u0338");
  }

  @Provide
  Arbitrary<Integer> invisible() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0x00, 0x1F),
        Arbitraries.integers().between(0x7F, 0x9F),
        Arbitraries.of(0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
            0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x00AD, 0x061C, 0x2028, 0x2029, 0xFFFD, 0xD800, 0xDFFF));
  }

  private static String join(List<String> segments) {
    return segments.isEmpty() ? "" : String.join("/", segments) + "/";
  }
}
