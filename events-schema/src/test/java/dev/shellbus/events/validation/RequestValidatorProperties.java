package dev.shellbus.events.validation;

import static dev.shellbus.events.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.Fixtures;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The validator agrees with the written rules at and around every boundary. */
class RequestValidatorProperties {

  private final RequestValidator validator = new RequestValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private static SandboxRequest exec(Exec.Builder exec) {
    return Fixtures.request(exec.setSessionId("sess-1").build());
  }

  private static Exec.Builder command(String... argv) {
    return Exec.newBuilder().setSessionId("sess-1").setArgv(List.of(argv));
  }

  @Provide
  Arbitrary<String> envKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ABCxyz_019-.=$ ").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ABCZ_").ofMinLength(1).ofMaxLength(6).map(s -> "OPENSHELL_" + s),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4));
  }

  @Property
  void envKeyIsAcceptedExactlyWhenItMatchesTheContract(@ForAll("envKeys") String key) {
    boolean expected = key.matches("^[A-Za-z_][A-Za-z0-9_]*$") && !key.startsWith("OPENSHELL_");
    List<Violation> found = validator.validate(exec(command("env").setEnv(Map.of(key, "v"))));
    assertThat(found.isEmpty()).as(key).isEqualTo(expected);
  }

  @Property
  void envValueIsAcceptedExactlyWithoutNulCrLfAndWithinSize(@ForAll("envValues") String value) {
    boolean expected = value.chars().noneMatch(c -> c == 0 || c == '\r' || c == '\n')
        && Utf8.length(value) <= Limits.MAX_ENV_VALUE_BYTES;
    List<Violation> found = validator.validate(exec(command("env").setEnv(Map.of("K", value))));
    assertThat(found.isEmpty()).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> envValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.integers().between(Limits.MAX_ENV_VALUE_BYTES - 3, Limits.MAX_ENV_VALUE_BYTES + 3)
            .map("v"::repeat));
  }

  @Property(tries = 200)
  void argumentSizeLimitIsExact(@ForAll @IntRange(min = 32 * 1024 - 8, max = 32 * 1024 + 8) int size) {
    List<Violation> found = validator.validate(exec(command("echo", "a".repeat(size))));
    assertThat(found.isEmpty()).isEqualTo(size <= Limits.MAX_ARG_BYTES);
  }

  @Property(tries = 100)
  void stdinSizeLimitIsExact(@ForAll @IntRange(min = 900 * 1024 - 8, max = 900 * 1024 + 8) int size) {
    List<Violation> found = validator.validate(exec(command("cat").setStdin(ByteBuffer.allocate(size))));
    assertThat(found).extracting(Violation::code)
        .containsOnly(size <= Limits.MAX_STDIN_BYTES ? new ErrorCode[0] : new ErrorCode[] {ErrorCode.PAYLOAD_TOO_LARGE});
  }

  @Property
  void deadlineAtOrBeforeNowIsRejectedAsExceeded(@ForAll @LongRange(min = -3_600_000, max = 3_600_000) long offsetMs) {
    SandboxRequest request = SandboxRequest.newBuilder(Fixtures.request())
        .setCreatedAt(NOW.minusSeconds(7200)).setDeadline(NOW.plusMillis(offsetMs)).build();
    boolean exceeded = validator.validate(request).stream()
        .anyMatch(v -> v.field().equals("deadline") && v.code() == ErrorCode.DEADLINE_EXCEEDED);
    assertThat(exceeded).isEqualTo(offsetMs <= 0);
  }

  @Property(tries = 500)
  void requestPathsAreJudgedExactlyLikeSandboxPaths(@ForAll("paths") String path) {
    List<Violation> found = validator.validate(Fixtures.request(new GetFiles("sess-1", List.of(path))));
    assertThat(found.isEmpty()).as(path).isEqualTo(SandboxPaths.validate(path).accepted());
    assertThat(found).extracting(Violation::code).containsOnly(found.isEmpty()
        ? new ErrorCode[0] : new ErrorCode[] {ErrorCode.INVALID_PATH});
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.oneOf(
        Arbitraries.of("/sandbox/a", "/tmp/b", "/etc/passwd", "/sandbox/../etc", "/sandbox/\uFF0E\uFF0E", "sandbox"),
        Arbitraries.strings().withChars("/.ab\u2025\u0000").ofMaxLength(16).map(s -> "/sandbox" + s));
  }
}
