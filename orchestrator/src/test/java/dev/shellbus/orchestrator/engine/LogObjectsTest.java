package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which output streams become log objects: every non-empty one, or only those the result cannot carry whole. */
class LogObjectsTest {
  private static final int INLINE = 10_000; // spew writes 8 KiB chunks: several are held back

  private EngineHarness h;

  @AfterEach
  void close() {
    h.close();
  }

  private Outcome run(LogObjects policy, StepSpec... steps) {
    h = new EngineHarness(EngineConfig.defaults(EngineHarness.BUCKET, "runs").withInline(INLINE, INLINE)
        .withCleanupGrace(Duration.ofSeconds(2)).withLogObjects(policy));
    return h.await(h.engine.runJob(new Requests.Job(context("job-logs", Duration.ofSeconds(30)),
        SandboxOptions.image("alpine"), List.of(), List.of(steps), List.of(), false)));
  }

  @Test
  void alwaysStoresEveryNonEmptyStreamAndAManifest() {
    Outcome outcome = run(LogObjects.ALWAYS, StepSpec.of("small", "echo", "hi"), StepSpec.of("quiet", "true"));

    assertThat(outcome.steps().get(0).stdout().log()).isPresent();
    assertThat(outcome.steps().get(1).stdout().log()).as("a silent stream stores nothing").isEmpty();
    assertThat(outcome.manifest()).isPresent();
    assertThat(h.store.all()).containsKeys(outcome.steps().get(0).stdout().log().get().uri(),
        outcome.manifest().get().uri());
  }

  @Test
  void whenTruncatedAStreamThatFitsInlineWritesNothingNotEvenAManifest() {
    Outcome outcome = run(LogObjects.WHEN_TRUNCATED, StepSpec.of("small", "echo", "hi"),
        StepSpec.of("exactly-inline", "spew", Integer.toString(2 * INLINE)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.steps().get(0).stdout().head().toString()).isEqualTo("hi\n");
    assertThat(outcome.steps().get(0).stdout().log()).isEmpty();
    OutputCapture whole = outcome.steps().get(1).stdout();
    assertThat(whole.truncated()).isFalse();
    assertThat(whole.head().length() + whole.tail().length()).isEqualTo(2 * INLINE);
    assertThat(whole.log()).isEmpty();
    assertThat(outcome.manifest()).isEmpty();
    assertThat(h.store.all()).isEmpty();
  }

  @Test
  void whenTruncatedALongerStreamIsStoredWholeFromItsFirstByte() {
    int size = 2 * INLINE + 1;
    Outcome outcome = run(LogObjects.WHEN_TRUNCATED, StepSpec.of("big", "spew", Integer.toString(size)));

    OutputCapture capture = outcome.steps().get(0).stdout();
    assertThat(capture.truncated()).isTrue();
    assertThat(capture.log()).isPresent();
    assertThat(capture.log().get().size()).isEqualTo(size);
    assertThat(h.store.bytes(capture.log().get().uri()).length()).isEqualTo(size);
    assertThat(h.store.bytes(capture.log().get().uri()).getBuffer(0, INLINE)).isEqualTo(capture.head());
    assertThat(outcome.manifest()).isPresent();
  }

  /** BEHAVIOR.md: a log that could not be stored leaves log_uri null without changing the status. */
  @Test
  void aLogTheStoreRefusesLeavesTheStepAndItsInlineOutputAlone() {
    h = new EngineHarness(EngineConfig.defaults(EngineHarness.BUCKET, "runs").withInline(INLINE, INLINE)
        .withCleanupGrace(Duration.ofSeconds(2)));
    h.store.failPuts(ref -> ref.key().contains("/logs/"));
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("job-log-down", Duration.ofSeconds(30)),
        SandboxOptions.image("alpine"), List.of(), List.of(StepSpec.of("small", "echo", "hi"),
            StepSpec.of("big", "spew", Integer.toString(10 * INLINE))), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.SUCCEEDED);
    assertThat(outcome.steps().get(0).stdout().head().toString()).isEqualTo("hi\n");
    assertThat(outcome.steps().get(0).stdout().log()).isEmpty();
    OutputCapture big = outcome.steps().get(1).stdout();
    assertThat(big.totalBytes()).isEqualTo(10L * INLINE);
    assertThat(big.head().length()).isEqualTo(INLINE);
    assertThat(big.log()).isEmpty();
    assertThat(outcome.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("storing log"));
  }
}
