package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecOptionsTest {

  @Test
  void defaultsAreBubblewrapWithTheBriefsLimits() {
    ExecOptions options = ExecOptions.defaults();
    assertThat(options.isolation()).isEqualTo(Isolation.BUBBLEWRAP);
    assertThat(options.nprocLimit()).isEqualTo(256);
    assertThat(options.addressSpaceBytes()).isEqualTo(1L << 30);
    assertThat(options.openFilesLimit()).isEqualTo(1024);
    assertThat(options.sandboxUid()).isEqualTo(65534);
    assertThat(options.breakRate()).isZero();
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> ExecOptions.builder().breakRate(1.5)).hasMessageContaining("exec.fault.break-rate");
    assertThatThrownBy(() -> ExecOptions.builder().chunkBytes(0)).hasMessageContaining("exec.chunk-bytes");
    assertThatThrownBy(() -> ExecOptions.builder().sandboxUser(0, 0)).hasMessageContaining("exec.sandbox-user");
    assertThatThrownBy(() -> ExecOptions.builder().simulatedDuration(Duration.ofSeconds(-1)))
        .hasMessageContaining("exec.simulated.duration");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    ExecOptions options = ExecOptions.builder().isolation(Isolation.SIMULATED).simulatedStdoutBytes(5)
        .simulatedExitCode(3).breakRate(0.25).seed(9).build();
    assertThat(options.toBuilder().build()).hasToString(options.toString());
  }
}
