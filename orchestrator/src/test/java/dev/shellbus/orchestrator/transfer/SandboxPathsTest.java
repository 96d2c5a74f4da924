package dev.shellbus.orchestrator.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import org.junit.jupiter.api.Test;

class SandboxPathsTest {
  @Test
  void absoluteNormalizedPathsPass() {
    assertThat(SandboxPaths.requireAbsolute("/sandbox/a b/c")).isEqualTo("/sandbox/a b/c");
    assertThat(SandboxPaths.relative("/sandbox/out/")).isEqualTo("sandbox/out");
    assertThat(SandboxPaths.baseName("/sandbox/out")).isEqualTo("out");
  }

  @Test
  void relativeEscapingAndOddPathsAreRefused() {
    for (String bad : new String[] {"sandbox/x", "/", "/sandbox/../etc", "/sandbox/./x", "//x", "/a\nb", "", "/a//b"}) {
      assertThatThrownBy(() -> SandboxPaths.requireAbsolute(bad)).as(bad)
          .isInstanceOfSatisfying(ShellbusException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.INVALID_PATH));
    }
  }
}
