package dev.shellbus.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The one duration grammar: what it reads, what it refuses, and that what it writes reads back the same. */
class DurationsProperties {

  @Property
  void whatFormatWritesParsesBackTheSame(@ForAll @LongRange(min = 0, max = 400L * 86_400_000L) long millis) {
    Duration d = Duration.ofMillis(millis);
    assertThat(Durations.require(Durations.format(d))).isEqualTo(d);
  }

  @Property
  void partsAddUp(@ForAll @LongRange(min = 0, max = 1000) long h, @ForAll @LongRange(min = 0, max = 59) long m,
      @ForAll @LongRange(min = 0, max = 59) long s) {
    assertThat(Durations.require(h + "h" + m + "m" + s + "s"))
        .isEqualTo(Duration.ofHours(h).plusMinutes(m).plusSeconds(s));
  }

  @Example
  void readsUnitsCompositesAndIso() {
    assertThat(Durations.require("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.require("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.require("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.require("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.require("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.require("pt5m")).isEqualTo(Duration.ofMinutes(5));
  }

  @Example
  void refusesWhatIsNotADurationNamingIt() {
    for (String bad : new String[] {"", "30", "soon", "5 minutes", "1h-5m", "P", "s"}) {
      assertThat(Durations.parse(bad)).as("'" + bad + "'").isEmpty();
    }
    assertThatThrownBy(() -> Durations.require("30")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'30'").hasMessageContaining("1h30m");
  }
}
