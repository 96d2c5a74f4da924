package dev.shellbus.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

  @Test
  void idleAndIowaitAreNotBusyAndGuestColumnsAreIgnored() {
    MachineCpu before = MachineCpu.parse("cpu  100 0 100 700 100 0 0 0 55 0");
    MachineCpu after = MachineCpu.parse("cpu  400 0 200 900 100 0 0 0 99 0");
    // 400 busy ticks (300 user + 100 system) out of 600: two thirds of 2 cores.
    assertThat(after.coresBusySince(before, 2)).isCloseTo(4.0 / 3, within(1e-9));
  }

  @Test
  void noTicksMeansNothingBusy() {
    MachineCpu same = MachineCpu.parse("cpu 1 2 3 4 5 6 7 8");
    assertThat(same.coresBusySince(same, 2)).isZero();
  }
}
