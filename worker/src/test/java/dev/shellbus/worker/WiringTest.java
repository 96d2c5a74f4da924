package dev.shellbus.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.engine.EngineConfig;
import dev.shellbus.orchestrator.engine.LogObjects;
import dev.shellbus.worker.config.WorkerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine gets what the configuration says, not the engine's own defaults. */
class WiringTest {

  @Test
  void engineConfigCarriesTheConfiguredValues() {
    EngineConfig engine = Wiring.engine(WorkerConfig.builder().workerId("w1").args("--engine.log-objects=when-truncated",
        "--engine.inline-output-bytes=1KiB", "--engine.cleanup-grace=7s", "--engine.max-session-lifetime=2h",
        "--store.bucket=b1", "--store.prefix=p1").build());

    assertThat(engine.logObjects()).isEqualTo(LogObjects.WHEN_TRUNCATED);
    assertThat(engine.inlineHeadBytes()).isEqualTo(1024);
    assertThat(engine.inlineTailBytes()).isEqualTo(1024);
    assertThat(engine.cleanupGrace()).isEqualTo(Duration.ofSeconds(7));
    assertThat(engine.maxSessionLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(engine.bucket()).isEqualTo("b1");
    assertThat(engine.keyPrefix()).isEqualTo("p1");
  }
}
