package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolationTest {

  @Test
  void missingBubblewrapIsRefusedWithTheFixAndTheEscapeHatch() {
    assertThatThrownBy(() -> Isolation.BUBBLEWRAP.check(tool -> tool.equals("bwrap") ? Optional.empty()
        : Optional.of(Path.of("/usr/bin", tool))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'bwrap'")
        .hasMessageContaining("apt-get install -y bubblewrap")
        .hasMessageContaining("--isolation=none");
  }

  @Test
  void bubblewrapAlsoNeedsSetsidToStartEachExecInItsOwnSession() {
    assertThatThrownBy(() -> Isolation.BUBBLEWRAP.check(tool -> tool.equals("setsid") ? Optional.empty()
        : Optional.of(Path.of("/usr/bin", tool))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'setsid'");
  }

  @Test
  void otherModesNeedNoTools() {
    assertThat(Isolation.NONE.check(tool -> Optional.empty())).isEqualTo(Isolation.NONE);
    assertThat(Isolation.SIMULATED.check(tool -> Optional.empty())).isEqualTo(Isolation.SIMULATED);
  }
}
