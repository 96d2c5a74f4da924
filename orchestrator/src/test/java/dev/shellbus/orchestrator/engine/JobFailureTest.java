package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobFailureTest {
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Requests.Job job(String id, List<StepSpec> steps, List<String> artifacts) {
    return new Requests.Job(context(id, Duration.ofSeconds(30)), SandboxOptions.defaults(), List.of(), steps, artifacts, false);
  }

  @Test
  void firstFailingStepStopsTheJobButArtifactsAreStillCollected() {
    Outcome outcome = h.await(h.engine.runJob(job("fail-1",
        List.of(StepSpec.of("make", "write", "/sandbox/out.txt", "partial"), StepSpec.of("test", "exit", "3"),
            StepSpec.of("never", "echo", "no")),
        List.of("/sandbox/out.txt"))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_FAILED);
    assertThat(outcome.steps()).extracting(StepResult::status)
        .containsExactly(StepResult.Status.SUCCEEDED, StepResult.Status.FAILED, StepResult.Status.SKIPPED);
    assertThat(outcome.steps().get(1).exitCode()).contains(3);
    assertThat(outcome.artifacts()).singleElement().satisfies(a -> assertThat(a.step()).contains("test"));
    assertThat(h.gateway.sandboxes()).isEmpty();
    assertThat(h.gateway.commands.steps).hasSize(2);
  }

  @Test
  void stepThatAllowsFailureDoesNotStopOrFailTheJob() {
    Outcome outcome = h.await(h.engine.runJob(job("allow-1",
        List.of(StepSpec.of("lint", "exit", "1").allowingFailure(), StepSpec.of("build", "echo", "ok")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.steps()).extracting(StepResult::status)
        .containsExactly(StepResult.Status.FAILED, StepResult.Status.SUCCEEDED);
  }

  @Test
  void stepOwnTimeoutIsReportedAsStepTimedOut() {
    Outcome outcome = h.await(h.engine.runJob(job("step-timeout",
        List.of(StepSpec.of("slow", "hang").withTimeout(Duration.ofSeconds(1))), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_TIMED_OUT);
    assertThat(outcome.steps().get(0).status()).isEqualTo(StepResult.Status.TIMED_OUT);
    assertThat(outcome.steps().get(0).exitCode()).contains(124);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void streamWithoutExitFailsTheStepAndTheJobRetryably() {
    Outcome outcome = h.await(h.engine.runJob(job("broken", List.of(StepSpec.of("flaky", "break")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.EXEC_INTERRUPTED);
    assertThat(outcome.error().orElseThrow().retryable()).isTrue();
    assertThat(outcome.steps().get(0).status()).isEqualTo(StepResult.Status.FAILED);
    assertThat(outcome.steps().get(0).exitCode()).isEmpty();
    assertThat(h.events("broken")).contains(RequestEvent.FAIL);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void sandboxThatWasNotReadyIsAwaitedAgainAndTheExecRetried() {
    h.gateway.notReadyStarts = 1;
    h.gateway.notReadyStreams = 1;
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("flap", Duration.ofSeconds(30)), SandboxOptions.defaults(),
        List.of(FileInput.inline("/sandbox/a", new byte[] {1})), List.of(StepSpec.of("s", "echo", "x")), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(h.observed("flap", EngineEvent.SandboxNotReady.class)).isNotEmpty();
    assertThat(h.observed("flap", EngineEvent.SandboxNotReady.class)).anyMatch(e -> e.header().from() == RequestState.RUNNING_STEP
        || e.header().from() == RequestState.UPLOADING);
  }

  @Test
  void notReadyDuringAStepIsRetriedToo() {
    h.gateway.commands.define("once", (call, sandbox) -> call.exit(0));
    Outcome first = h.await(h.engine.runJob(job("flap-step-warm", List.of(StepSpec.of("s", "true")), List.of())));
    assertThat(first.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    h.gateway.notReadyStarts = 1;
    Outcome outcome = h.await(h.engine.runJob(job("flap-step", List.of(StepSpec.of("s", "once")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(h.observed("flap-step", EngineEvent.SandboxNotReady.class))
        .anyMatch(e -> e.header().from() == RequestState.RUNNING_STEP);
  }

  @Test
  void missingArtifactFailsTheJobNamingThePath() {
    Outcome outcome = h.await(h.engine.runJob(job("missing",
        List.of(StepSpec.of("make", "write", "/sandbox/a.txt", "a")), List.of("/sandbox/a.txt", "/sandbox/nope"))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.ARTIFACT_FAILED);
    assertThat(outcome.error().orElseThrow().message()).contains("/sandbox/nope");
    assertThat(outcome.artifacts()).extracting(ArtifactResult::path).containsExactly("/sandbox/a.txt");
    assertThat(h.observed("missing", EngineEvent.ArtifactStored.class)).isNotEmpty();
  }

  @Test
  void artifactStorageFailureFailsTheJobAndStillDeletes() {
    h.store.failPuts(ref -> ref.key().contains("/artifacts/"));
    Outcome outcome = h.await(h.engine.runJob(job("store-down",
        List.of(StepSpec.of("make", "write", "/sandbox/a.txt", "a")), List.of("/sandbox/a.txt"))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.ARTIFACT_FAILED);
    assertThat(h.transitions).anyMatch(t -> t.context().requestId().equals("store-down")
        && t.event() == RequestEvent.FAIL && t.from() == RequestState.COLLECTING);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void relativePathIsRefusedBeforeAnythingIsCreated() {
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("bad-path", Duration.ofSeconds(30)),
        SandboxOptions.defaults(), List.of(FileInput.inline("sandbox/../etc/passwd", new byte[0])), List.of(), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.INVALID_PATH);
    assertThat(h.events("bad-path")).containsExactly(RequestEvent.FAIL, RequestEvent.FINISH_FAILED);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void createFailureFailsTheJob() {
    h.gateway.createFailure = new ShellbusException(FailureCode.PERMISSION_DENIED, "no");
    Outcome outcome = h.await(h.engine.runJob(job("denied", List.of(StepSpec.of("s", "true")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.PERMISSION_DENIED);
    assertThat(outcome.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.SKIPPED);
  }

  @Test
  void sandboxThatGoesToErrorFailsTheJobAndIsDeleted() {
    h.gateway.readyOutcome = SandboxPhase.ERROR;
    Outcome outcome = h.await(h.engine.runJob(job("error", List.of(StepSpec.of("s", "true")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.SANDBOX_FAILED);
    assertThat(h.gateway.deleted).hasSize(1);
  }

  @Test
  void missingObjectInputFailsTheUpload() {
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("no-input", Duration.ofSeconds(30)),
        SandboxOptions.defaults(), List.of(new FileInput("/sandbox/x", 0644, new InputSource.FromObject("s3://b/none", Optional.empty()))),
        List.of(StepSpec.of("s", "true")), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.INPUT_UNAVAILABLE);
    assertThat(outcome.error().orElseThrow().retryable()).isTrue();
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void failedDeleteIsAWarningNotAFailure() {
    h.gateway.deleteFailure = new ShellbusException(FailureCode.GATEWAY_UNAVAILABLE, "down");
    Outcome outcome = h.await(h.engine.runJob(job("undeletable", List.of(StepSpec.of("s", "true")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.warnings()).anySatisfy(w -> assertThat(w).contains("reaper"));
    assertThat(h.observed("undeletable", EngineEvent.SandboxDeleteFailed.class)).isNotEmpty();
  }

  @Test
  void keptSandboxIsNotDeleted() {
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(context("keep", Duration.ofSeconds(30)), SandboxOptions.defaults(),
        List.of(), List.of(StepSpec.of("s", "true")), List.of(), true)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(h.observed("keep", EngineEvent.SandboxKept.class)).isNotEmpty();
    assertThat(h.gateway.sandboxes()).hasSize(1);
    assertThat(h.gateway.deleted).isEmpty();
  }

  @Test
  void alreadyExistingSandboxOfTheSameAttemptIsAdoptedNotDuplicated() {
    RequestContext ctx = context("adopt", Duration.ofSeconds(30));
    String name = SandboxNaming.jobName("acme", "adopt", 1);
    h.gateway.seed(name, SandboxLabels.job(ctx, Map.of()), SandboxPhase.PROVISIONING);
    Outcome outcome = h.await(h.engine.runJob(new Requests.Job(ctx, SandboxOptions.defaults(), List.of(),
        List.of(StepSpec.of("s", "true")), List.of(), false)));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(h.events("adopt")).contains(RequestEvent.SANDBOX_ADOPTED).doesNotContain(RequestEvent.SANDBOX_CREATED);
    assertThat(h.gateway.deleted).containsExactly(name);
  }

  @Test
  void nameTakenByAnotherRequestIsAConflictAndTheForeignSandboxSurvives() {
    String name = SandboxNaming.jobName("acme", "taken", 1);
    h.gateway.seed(name, Map.of("shellbus.dev/managed", "true", "shellbus.dev/request", "someone-else"), SandboxPhase.READY);
    Outcome outcome = h.await(h.engine.runJob(job("taken", List.of(StepSpec.of("s", "true")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.CONFLICT);
    assertThat(h.gateway.sandbox(name)).isPresent();
    assertThat(h.gateway.deleted).isEmpty();
  }

  @Test
  void outputIsTruncatedInlineButStoredWhole() {
    EngineHarness small = new EngineHarness(EngineConfig.defaults(EngineHarness.BUCKET, "").withInline(1024, 512));
    try {
      Outcome outcome = small.await(small.engine.runJob(job("spew", List.of(StepSpec.of("big", "spew", "300000")), List.of())));

      OutputCapture out = outcome.steps().get(0).stdout();
      assertThat(out.totalBytes()).isEqualTo(300_000);
      assertThat(out.truncated()).isTrue();
      assertThat(out.head().length()).isEqualTo(1024);
      assertThat(out.tail().length()).isEqualTo(512);
      assertThat(out.head().getByte(0)).isEqualTo((byte) 'a');
      assertThat(out.tail().getByte(511)).isEqualTo((byte) ('a' + (300_000 - 1) % 26));
      assertThat(out.log().orElseThrow().size()).isEqualTo(300_000);
      assertThat(small.store.bytes(out.log().orElseThrow().uri()).length()).isEqualTo(300_000);
      assertThat(out.log().orElseThrow().uri()).isEqualTo("s3://test-bucket/spew/1/logs/0-big.stdout");
      assertThat(outcome.steps().get(0).stderr().log()).isEmpty();
    } finally {
      small.close();
    }
  }
}
