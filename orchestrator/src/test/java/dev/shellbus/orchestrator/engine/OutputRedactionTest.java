package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.redact.Secrets;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step's output as the engine keeps it: secret values of the sandbox and of any step are masked in the inline
 * head and tail and in the log object, also when the exec stream splits a secret byte by byte, and with either
 * log-object policy.
 */
class OutputRedactionTest {
  private static final String STEP_SECRET = "step-sécret-42";
  private static final String SANDBOX_SECRET = "sbx-pw-7";
  private static final String PRINTED = "a " + STEP_SECRET + " b " + SANDBOX_SECRET + " c ste";
  private static final String MASKED = "a " + Secrets.MASK + " b " + Secrets.MASK + " c ste";

  private EngineHarness h;

  @AfterEach
  void close() {
    h.close();
  }

  private Outcome run(LogObjects policy, int inline) {
    h = new EngineHarness(EngineConfig.defaults(EngineHarness.BUCKET, "runs").withInline(inline, inline)
        .withCleanupGrace(Duration.ofSeconds(2)).withLogObjects(policy));
    h.gateway.commands.define("leak", (call, sandbox) -> {
      byte[] bytes = PRINTED.getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        call.stdout(Buffer.buffer(new byte[] {b}));
      }
      call.exit(0);
    });
    SandboxOptions sandbox = new SandboxOptions("", "alpine", Map.of("DB", SANDBOX_SECRET), Set.of("DB"),
        Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of());
    StepSpec step = new StepSpec("leak", List.of("leak"), "", Map.of("TOKEN", STEP_SECRET, "PLAIN", "ste"),
        Set.of("TOKEN"), null, Duration.ZERO, false);
    return h.await(h.engine.runJob(new Requests.Job(context("job-redact", Duration.ofSeconds(30)), sandbox,
        List.of(), List.of(step), List.of(), false)));
  }

  @Test
  void theLogObjectAndItsDigestDescribeTheMaskedStream() {
    Outcome outcome = run(LogObjects.ALWAYS, 8);

    OutputCapture stdout = outcome.steps().get(0).stdout();
    StoredObject log = stdout.log().orElseThrow();
    byte[] stored = h.store.bytes(log.uri()).getBytes();
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(MASKED);
    assertThat(log.size()).isEqualTo(stored.length);
    assertThat(log.sha256()).isEqualTo(DigestingReadStream.sha256Hex(stored));
    assertThat(stdout.totalBytes()).isEqualTo(stored.length);
    assertThat(stdout.truncated()).isTrue();
    assertThat(stdout.head().toString(StandardCharsets.UTF_8)).isEqualTo(MASKED.substring(0, 8));
    assertThat(stdout.tail().toString(StandardCharsets.UTF_8)).isEqualTo(MASKED.substring(MASKED.length() - 8));
  }

  @Test
  void aStreamHeldInlineIsMaskedWholeAndStoresNothing() {
    Outcome outcome = run(LogObjects.WHEN_TRUNCATED, 1024);

    OutputCapture stdout = outcome.steps().get(0).stdout();
    assertThat(stdout.head().toString(StandardCharsets.UTF_8)).isEqualTo(MASKED);
    assertThat(stdout.log()).isEmpty();
    assertThat(h.store.all()).isEmpty();
  }
}
