package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

  private static ExecSandboxRequest.Builder request(String... argv) {
    return ExecSandboxRequest.newBuilder().setSandboxId("id").addAllCommand(List.of(argv));
  }

  @Test
  void safeWordsStayBare() {
    assertThat(ShellCommand.escape("ls")).isEqualTo("ls");
    assertThat(ShellCommand.escape("/usr/bin/env")).isEqualTo("/usr/bin/env");
    assertThat(ShellCommand.escape("a-b_c.d/E9")).isEqualTo("a-b_c.d/E9");
  }

  @Test
  void emptyWordBecomesTwoQuotes() {
    assertThat(ShellCommand.escape("")).isEqualTo("''");
  }

  @Test
  void anythingElseIsSingleQuotedWithQuotesSpliced() {
    assertThat(ShellCommand.escape("a b")).isEqualTo("'a b'");
    assertThat(ShellCommand.escape("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellCommand.escape("$HOME")).isEqualTo("'$HOME'");
    assertThat(ShellCommand.escape("a\nb")).isEqualTo("'a\nb'");
    assertThat(ShellCommand.escape("héllo")).isEqualTo("'héllo'");
    assertThat(ShellCommand.escape("x=1")).isEqualTo("'x=1'");
    assertThat(ShellCommand.escape("'")).isEqualTo("''\\'''");
  }

  @Test
  void environmentPairsComeFirstSortedByKey() {
    String line = ShellCommand.build(request("echo", "hi").putEnvironment("ZED", "z z").putEnvironment("ALPHA", "1")
        .build());
    assertThat(line).isEqualTo("ALPHA=1 ZED='z z' echo hi");
  }

  @Test
  void workdirPrefixesACd() {
    String line = ShellCommand.build(request("pwd").setWorkdir("/sandbox/my dir").putEnvironment("A", "b").build());
    assertThat(line).isEqualTo("cd '/sandbox/my dir' && A=b pwd");
  }

  @Test
  void commandStringOver256KibIsInvalid() {
    String arg = "x".repeat(32 * 1024);
    ExecSandboxRequest.Builder builder = request();
    for (int i = 0; i < 9; i++) {
      builder.addCommand(arg);
    }
    assertThatThrownBy(() -> ShellCommand.build(builder.build()))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT))
        .hasMessageContaining("262144");
  }

  /** Property-style: random words survive a real shell round trip unchanged. */
  @Test
  void escapedWordsRoundTripThroughBash() throws IOException, InterruptedException {
    Random random = new Random(7);
    String alphabet = "ab Z09'\"\\$`!*?[]{}();&|<>#~%^=\t\n.,/_-éü€😀";
    StringBuilder script = new StringBuilder("printf '%s\\0'");
    List<String> words = new java.util.ArrayList<>(List.of("", "'", "''", " ", "\n", "--", "-n", "a'b'c"));
    for (int i = 0; i < 200; i++) {
      StringBuilder word = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        word.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      words.add(word.toString());
    }
    for (String word : words) {
      script.append(' ').append(ShellCommand.escape(word));
    }
    Process bash = new ProcessBuilder("/bin/bash", "-c", script.toString()).redirectErrorStream(true).start();
    byte[] out = bash.getInputStream().readAllBytes();
    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String[] echoed = new String(out, StandardCharsets.UTF_8).split("\0", -1);
    assertThat(List.of(echoed).subList(0, echoed.length - 1)).containsExactlyElementsOf(words);
  }
}
