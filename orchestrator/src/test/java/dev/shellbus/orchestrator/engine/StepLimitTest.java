package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static dev.shellbus.orchestrator.engine.EngineHarness.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.testing.FakeExecCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each limit of a step's exec firing: the step's own timeout, the request deadline's budget, and a step timeout that
 * the budget's cap overrides. Which limit ended a step comes from the limit its exec reports, not from elapsed time.
 */
class StepLimitTest {
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private Outcome runStep(String id, Duration budget, StepSpec step) {
    return h.await(h.engine.runJob(new Requests.Job(context(id, budget), SandboxOptions.defaults(), List.of(),
        List.of(step), List.of(), false)));
  }

  private ExecLimit stepLimit() {
    List<FakeExecCall> steps = h.gateway.calls.stream().filter(c -> c.spec().argv().contains("hang")
        || c.spec().argv().contains("exit")).toList();
    return steps.get(steps.size() - 1).limit();
  }

  /** The step ended with exit 124 as TIMED_OUT, and the request as {@code status} with {@code code}. */
  private static void assertTimedOutStep(Outcome outcome, Outcome.Status status, FailureCode code) {
    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(code);
    assertThat(outcome.steps().get(0).status()).isEqualTo(StepResult.Status.TIMED_OUT);
    assertThat(outcome.steps().get(0).exitCode()).contains(124);
  }

  @Test
  void theStepsOwnTimeoutFiringFailsTheStepWithStepTimedOut() {
    Outcome outcome = runStep("own", Duration.ofSeconds(30), StepSpec.of("slow", "hang").withTimeout(Duration.ofSeconds(1)));

    assertThat(stepLimit()).isEqualTo(new ExecLimit(1, ExecLimit.Kind.OWN_TIMEOUT));
    assertTimedOutStep(outcome, Outcome.Status.FAILED, FailureCode.STEP_TIMED_OUT);
  }

  @Test
  void theRequestDeadlineFiringForAStepWithoutATimeoutTimesTheRequestOut() {
    Outcome outcome = runStep("budget", Duration.ofSeconds(3), StepSpec.of("slow", "hang"));

    assertThat(stepLimit()).isEqualTo(new ExecLimit(1, ExecLimit.Kind.REQUEST_DEADLINE));
    assertTimedOutStep(outcome, Outcome.Status.TIMED_OUT, FailureCode.DEADLINE_EXCEEDED);
    assertThat(h.events("budget")).contains(RequestEvent.DEADLINE);
  }

  @Test
  void theBudgetsCapFiringBeforeALongerStepTimeoutTimesTheRequestOut() {
    Outcome outcome = runStep("cap", Duration.ofSeconds(5), StepSpec.of("slow", "hang").withTimeout(Duration.ofSeconds(4)));

    assertThat(stepLimit().kind()).isEqualTo(ExecLimit.Kind.REQUEST_DEADLINE);
    assertThat(stepLimit().timeoutSeconds()).isLessThan(4);
    assertTimedOutStep(outcome, Outcome.Status.TIMED_OUT, FailureCode.DEADLINE_EXCEEDED);
  }

  @Test
  void anEarlyExit124UnderTheStepsOwnTimeoutIsTheStepsTimeoutWhateverTheElapsedTime() {
    Outcome outcome = runStep("early", Duration.ofSeconds(60), StepSpec.of("quick", "exit", "124")
        .withTimeout(Duration.ofSeconds(30)));

    assertThat(stepLimit()).isEqualTo(new ExecLimit(30, ExecLimit.Kind.OWN_TIMEOUT));
    assertTimedOutStep(outcome, Outcome.Status.FAILED, FailureCode.STEP_TIMED_OUT);
  }

  @Test
  void anotherExitCodeIsAFailedStepWhicheverLimitWasSet() {
    Outcome outcome = runStep("exit3", Duration.ofSeconds(30), StepSpec.of("bad", "exit", "3")
        .withTimeout(Duration.ofSeconds(5)));

    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_FAILED);
    assertThat(outcome.steps().get(0).status()).isEqualTo(StepResult.Status.FAILED);
  }

  @Test
  void aSessionExecCutByTheBudgetsCapTimesOutAndOneCutByItsOwnTimeoutFails() {
    h.await(h.engine.openSession(new Requests.OpenSession(session("open-s", "s", Duration.ofSeconds(30)),
        SandboxOptions.defaults(), Duration.ofMinutes(15), List.of(), Optional.empty())));

    Outcome capped = h.await(h.engine.exec(new Requests.Exec(session("exec-cap", "s", Duration.ofSeconds(5)),
        StepSpec.of("x", "hang").withTimeout(Duration.ofSeconds(4)))));
    assertThat(stepLimit().kind()).isEqualTo(ExecLimit.Kind.REQUEST_DEADLINE);
    assertThat(capped.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(capped.error().orElseThrow().code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);

    Outcome own = h.await(h.engine.exec(new Requests.Exec(session("exec-own", "s", Duration.ofSeconds(30)),
        StepSpec.of("x", "hang").withTimeout(Duration.ofSeconds(1)))));
    assertThat(stepLimit()).isEqualTo(new ExecLimit(1, ExecLimit.Kind.OWN_TIMEOUT));
    assertThat(own.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(own.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_TIMED_OUT);
  }
}
