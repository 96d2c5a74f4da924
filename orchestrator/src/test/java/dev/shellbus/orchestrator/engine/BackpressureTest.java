package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.testing.FakeExecCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slow object store holds the exec streams back instead of filling memory, and loses nothing. */
class BackpressureTest {
  private final EngineHarness h = new EngineHarness(EngineConfig.defaults(EngineHarness.BUCKET, "").withCleanupGrace(
      Duration.ofSeconds(2)));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void slowLogUploadPausesTheStepOutputStream() {
    h.store.slow(h.vertx);
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("slow-log", Duration.ofSeconds(30)),
        SandboxOptions.defaults(), List.of(), List.of(StepSpec.of("big", "spew", "3000000")), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.steps().get(0).stdout().log().orElseThrow().size()).isEqualTo(3_000_000);
    FakeExecCall step = h.gateway.calls.stream().filter(c -> c.spec().argv().contains("spew")).findFirst().orElseThrow();
    assertThat(step.pauses()).isPositive();
  }

  @Test
  void slowArtifactUploadPausesTheTarStream() {
    byte[] data = new byte[2_500_000];
    new java.util.Random(1).nextBytes(data);
    h.gateway.commands.define("make", (call, sandbox) -> {
      sandbox.put("/sandbox/out/blob.bin", data, 0644);
      sandbox.put("/sandbox/out/small.txt", new byte[] {'x'}, 0644);
      call.exit(0);
    });
    h.store.slow(h.vertx);
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("slow-artifact", Duration.ofSeconds(30)),
        SandboxOptions.defaults(), List.of(), List.of(StepSpec.of("make", "make")), List.of("/sandbox/out/blob.bin", "/sandbox/out/small.txt"),
        false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.artifacts().get(0).sha256()).isEqualTo(DigestingReadStream.sha256Hex(data));
    assertThat(h.store.bytes(outcome.artifacts().get(0).uri()).getBytes()).isEqualTo(data);
    FakeExecCall tar = h.gateway.calls.stream().filter(c -> c.spec().argv().get(0).equals("tar")).findFirst().orElseThrow();
    assertThat(tar.pauses()).isPositive();
  }
}
