package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.CollectedArtifact;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules of one request's progress: who wins among failures and interruptions, what is reported when. */
class RequestProgressTest {
  private final List<EngineEvent> events = new ArrayList<>();
  private final RequestProgress progress = new RequestProgress(EngineHarness.context("p", Duration.ofMinutes(1)),
      Clock.systemUTC(), events::add);
  private final AtomicInteger cancels = new AtomicInteger();

  private ExecCall call() {
    return (ExecCall) Proxy.newProxyInstance(ExecCall.class.getClassLoader(), new Class<?>[] {ExecCall.class},
        (proxy, method, args) -> {
          if (method.getName().equals("cancel")) {
            cancels.incrementAndGet();
          }
          return null;
        });
  }

  /** Locates a session sandbox and enters RUNNING_STEP, as a session Exec does. */
  private void runningStep() {
    progress.fire(RequestEvent.LOCATE, Optional.empty());
    progress.sandboxLocated(new SandboxHandle("id-1", "sandbox-1", "default"));
    progress.fire(RequestEvent.RUN_STEPS, Optional.empty());
  }

  private static StepResult exited(int code) {
    Instant now = Instant.now();
    return new StepResult(0, "s", code == 0 ? StepResult.Status.SUCCEEDED : StepResult.Status.FAILED, Optional.of(code),
        Optional.of(now), Optional.of(now), OutputCapture.empty(), OutputCapture.empty());
  }

  private List<EngineEvent> progressEvents() {
    return events.stream().filter(e -> !(e instanceof EngineEvent.PhaseChanged)).toList();
  }

  @Test
  void firstFailureWinsAndLaterOnesBecomeWarnings() {
    ShellbusException first = new ShellbusException(FailureCode.STEP_FAILED, "step s exited 3");
    progress.fail(first);
    progress.fail(new ShellbusException(FailureCode.ARTIFACT_FAILED, "manifest: down"));
    progress.fail(first);
    progress.fire(RequestEvent.FAIL, Optional.empty());

    assertThat(progress.finishEvent()).isEqualTo(RequestEvent.FINISH_FAILED);
    assertThat(progress.reasonFor(RequestEvent.FINISH_FAILED)).contains("STEP_FAILED: step s exited 3");
    Outcome outcome = progress.outcome(RequestState.FAILED, List.of());
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_FAILED);
    assertThat(outcome.warnings()).containsExactly("ARTIFACT_FAILED: manifest: down");
  }

  @Test
  void interruptionCancelsTheRunningExecAndOnlyTheFirstCounts() {
    runningStep();
    progress.execObserver().started(call());

    assertThat(progress.interrupt(new Interruption(Interruption.Kind.CANCEL, "CANCELLED: stop"))).isTrue();
    assertThat(cancels).hasValue(1);
    assertThat(progress.interruptible()).isFalse();
    assertThat(progress.interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: late"))).isFalse();
    assertThat(cancels).hasValue(1);
    assertThat(progress.finishEvent()).isEqualTo(RequestEvent.FINISH_CANCELLED);
    assertThat(progress.reasonFor(RequestEvent.CANCEL)).contains("CANCELLED: stop");
  }

  @Test
  void anExecStartedAfterTheInterruptionIsCancelledAtOnce() {
    runningStep();
    progress.interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: late"));
    progress.execObserver().started(call());

    assertThat(cancels).hasValue(1);
  }

  @Test
  void nothingInterruptsARequestThatIsCleaningUp() {
    runningStep();
    progress.fire(RequestEvent.CLEAN_UP, Optional.empty());
    progress.execObserver().started(call());

    assertThat(progress.interrupt(new Interruption(Interruption.Kind.CANCEL, "CANCELLED: stop"))).isFalse();
    assertThat(cancels).hasValue(0);
    assertThat(progress.finishEvent()).isEqualTo(RequestEvent.FINISH_SUCCEEDED);
  }

  @Test
  void aStepEndAfterAnInterruptionIsRecordedCutShortButNotReported() {
    runningStep();
    StepSpec spec = StepSpec.of("s", "hang");
    progress.stepStarted(0, spec);
    progress.interrupt(new Interruption(Interruption.Kind.CANCEL, "CANCELLED: stop"));
    StepResult recorded = progress.stepFinished(spec, exited(0));

    assertThat(recorded.status()).isEqualTo(StepResult.Status.CANCELLED);
    assertThat(progress.steps()).containsExactly(recorded);
    assertThat(progressEvents()).singleElement().isInstanceOf(EngineEvent.StepStarted.class);
  }

  @Test
  void theRunningStepOfAnInterruptedRequestIsCutShortAndTheRestSkipped() {
    runningStep();
    progress.stepStarted(0, StepSpec.of("a", "hang"));
    progress.interrupt(new Interruption(Interruption.Kind.DEADLINE, "DEADLINE_EXCEEDED: late"));

    assertThat(progress.unfinished(List.of("a", "b"))).extracting(StepResult::status)
        .containsExactly(StepResult.Status.TIMED_OUT, StepResult.Status.SKIPPED);
  }

  @Test
  void progressIsReportedInItsOwnPhaseAndDroppedOutsideIt() {
    runningStep();
    StepSpec spec = StepSpec.of("s", "true");
    progress.stepStarted(0, spec);
    progress.stepFinished(spec, exited(0));
    CollectedArtifact artifact = new CollectedArtifact("/sandbox/a", CollectedArtifact.Kind.FILE,
        new StoredObject(new ObjectRef("b", "k"), 1, "00"));
    progress.artifactStored(artifact, Optional.of("s"));
    progress.sandboxKept();
    progress.fire(RequestEvent.CLEAN_UP, Optional.empty());
    progress.sandboxKept();

    assertThat(progressEvents()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("StepStarted", "StepFinished", "SandboxKept");
    assertThat(progressEvents()).allSatisfy(e -> assertThat(e.header().to()).isEqualTo(e.header().from()));
    assertThat(progressEvents().get(2).header().from()).isEqualTo(RequestState.CLEANING_UP);
    assertThat(progress.artifacts()).extracting(ArtifactResult::path).containsExactly("/sandbox/a");
  }

  @Test
  void aFailureInCleanUpIsAWarningAndFinishes() {
    runningStep();
    progress.fire(RequestEvent.CLEAN_UP, Optional.empty());
    Verdict.Move move = progress.afterFailure(new ShellbusException(FailureCode.GATEWAY_UNAVAILABLE, "down"));

    assertThat(move).isEqualTo(new Verdict.Move(RequestEvent.FINISH_SUCCEEDED, Optional.empty()));
    assertThat(progress.outcome(RequestState.SUCCEEDED, List.of()).warnings()).containsExactly("clean-up failed: down");
  }

  @Test
  void aDeadlineFailureIsAnInterruptionAndOtherFailuresFail() {
    Verdict.Move deadline = progress.afterFailure(new ShellbusException(FailureCode.DEADLINE_EXCEEDED, "gateway said so"));
    assertThat(deadline).isEqualTo(new Verdict.Move(RequestEvent.DEADLINE,
        Optional.of("DEADLINE_EXCEEDED: gateway said so")));
    assertThat(progress.interrupted()).isTrue();

    RequestProgress other = new RequestProgress(EngineHarness.context("q", Duration.ofMinutes(1)), Clock.systemUTC(),
        EngineObserver.NONE);
    Verdict.Move failed = other.afterFailure(new IllegalArgumentException("bad"));
    assertThat(failed.event()).isEqualTo(RequestEvent.FAIL);
    assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("INTERNAL: unexpected: "));
    assertThat(other.failedWith(FailureCode.INTERNAL)).isTrue();
  }

  @Test
  void aBugStillLeadsThroughCleanUpUnlessTheRequestIsOver() {
    runningStep();
    assertThat(progress.afterBug(new IllegalStateException("no row"))).contains(
        new Verdict.Move(RequestEvent.FAIL, Optional.of("INTERNAL: no row")));
    progress.fire(RequestEvent.FAIL, Optional.empty());
    assertThat(progress.afterBug(new IllegalStateException("again")).map(Verdict.Move::event))
        .contains(RequestEvent.FINISH_FAILED);
    progress.fire(RequestEvent.FINISH_FAILED, Optional.empty());
    assertThat(progress.afterBug(new IllegalStateException("late"))).isEmpty();
    assertThat(progress.outcome(RequestState.FAILED, List.of()).warnings()).containsExactly("INTERNAL: again", "INTERNAL: late");
  }
}
