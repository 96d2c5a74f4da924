package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static dev.shellbus.orchestrator.engine.EngineHarness.eventually;
import static dev.shellbus.orchestrator.engine.EngineHarness.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.transfer.FileInput;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of the typed events one request's observer hears, for a job, a session call, a
 * cancel, a deadline and failures, and what the events carry along the way.
 */
class EngineEventOrderTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Requests.Job job(String id, Duration budget, List<FileInput> inputs, List<StepSpec> steps,
      List<String> artifacts) {
    return new Requests.Job(context(id, budget), SandboxOptions.defaults(), inputs, steps, artifacts, false);
  }

  private List<String> order(String requestId) {
    return h.observed(requestId).stream().map(EngineEventOrderTest::describe).toList();
  }

  private static String describe(EngineEvent e) {
    if (e instanceof EngineEvent.PhaseChanged p) {
      return p.cause() + " " + p.header().to();
    } else if (e instanceof EngineEvent.InputWritten w) {
      return "InputWritten " + w.receipt().path();
    } else if (e instanceof EngineEvent.StepStarted s) {
      return "StepStarted " + s.index() + " " + s.spec().name();
    } else if (e instanceof EngineEvent.StepFinished f) {
      return "StepFinished " + f.result().index() + " " + f.result().status();
    } else if (e instanceof EngineEvent.ArtifactStored a) {
      return "ArtifactStored " + a.kind() + " " + a.path();
    }
    return e.getClass().getSimpleName();
  }

  /** Times never go backwards, every event is of this request, and the sandbox stays known once created. */
  private void assertConsistent(String requestId) {
    List<EngineEvent> events = h.observed(requestId);
    for (int i = 1; i < events.size(); i++) {
      EngineEvent.Header before = events.get(i - 1).header();
      EngineEvent.Header after = events.get(i).header();
      assertThat(after.at()).isAfterOrEqualTo(before.at());
      assertThat(after.elapsed()).isGreaterThanOrEqualTo(before.elapsed());
      assertThat(after.from()).as("each event starts where the one before led").isEqualTo(before.to());
      if (before.sandbox().isPresent()) {
        assertThat(after.sandbox()).isPresent();
      }
    }
    assertThat(events).allSatisfy(e -> assertThat(e.context().requestId()).isEqualTo(requestId));
  }

  @Test
  void aJobReportsEachPhaseInputStepAndArtifactInOrder() {
    Outcome outcome = h.await(h.engine.runJob(job("order-job", BUDGET,
        List.of(FileInput.inline("/sandbox/in.txt", "in".getBytes(StandardCharsets.UTF_8))),
        List.of(StepSpec.of("greet", "echo", "hello"), StepSpec.of("make", "write", "/sandbox/out.txt", "made")),
        List.of("/sandbox/out.txt"))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(order("order-job")).containsExactly(
        "NEXT CREATING", "SandboxCreated", "SandboxReady", "InputWritten /sandbox/in.txt", "NEXT RUNNING_STEP",
        "StepStarted 0 greet", "StepFinished 0 SUCCEEDED", "StepStarted 1 make", "StepFinished 1 SUCCEEDED",
        "NEXT COLLECTING", "ArtifactStored ARTIFACT /sandbox/out.txt", "NEXT CLEANING_UP", "SandboxDeleted",
        "FINISH SUCCEEDED");
    assertConsistent("order-job");
    List<EngineEvent> events = h.observed("order-job");
    EngineEvent.SandboxCreated created = (EngineEvent.SandboxCreated) events.get(1);
    assertThat(created.adopted()).isFalse();
    assertThat(created.sandbox()).isEqualTo(outcome.sandbox().orElseThrow());
    EngineEvent.InputWritten written = (EngineEvent.InputWritten) events.get(3);
    assertThat(written.receipt()).isEqualTo(outcome.inputs().get(0));
    assertThat(written.at()).isBeforeOrEqualTo(events.get(5).at());
    EngineEvent.StepStarted started = (EngineEvent.StepStarted) events.get(5);
    assertThat(started.spec().argv()).containsExactly("echo", "hello");
    EngineEvent.StepFinished finished = (EngineEvent.StepFinished) events.get(6);
    assertThat(finished.result()).isEqualTo(outcome.steps().get(0));
    assertThat(finished.result().exitCode()).contains(0);
    assertThat(finished.duration().isNegative()).isFalse();
    EngineEvent.ArtifactStored stored = (EngineEvent.ArtifactStored) events.get(10);
    assertThat(stored.object().uri()).isEqualTo(outcome.artifacts().get(0).uri());
    assertThat(stored.object().sha256()).isEqualTo(outcome.artifacts().get(0).sha256());
    EngineEvent.SandboxDeleted deleted = (EngineEvent.SandboxDeleted) events.get(12);
    assertThat(deleted.name()).isEqualTo(outcome.sandbox().orElseThrow().name());
    assertThat(deleted.started()).isTrue();
    assertThat(((EngineEvent.PhaseChanged) events.get(13)).reason()).isEmpty();
  }

  @Test
  void aSessionCallLocatesRunsAndKeepsTheSandbox() {
    Outcome opened = h.await(h.engine.openSession(new Requests.OpenSession(session("order-open", "s", BUDGET),
        SandboxOptions.defaults(), Duration.ofMinutes(15), List.of(), Optional.empty())));
    assertThat(opened.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(order("order-open")).containsExactly("NEXT CREATING", "SandboxCreated", "SandboxReady",
        "NEXT CLEANING_UP", "SandboxKept", "FINISH SUCCEEDED");

    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("order-exec", "s", BUDGET),
        StepSpec.of("ignored", "echo", "hi"))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(order("order-exec")).containsExactly("NEXT LOCATING", "NEXT RUNNING_STEP", "StepStarted 0 exec",
        "StepFinished 0 SUCCEEDED", "NEXT CLEANING_UP", "SandboxKept", "FINISH SUCCEEDED");
    assertConsistent("order-exec");
    assertThat(h.observed("order-exec").get(0).header().sandbox()).isEmpty();
    assertThat(h.observed("order-exec").get(1).header().sandbox()).isEqualTo(opened.sandbox());
  }

  @Test
  void aCancelDuringAStepSkipsTheStepsEndAndCleansUp() {
    Future<Outcome> running = h.engine.runJob(job("order-cancel", BUDGET, List.of(),
        List.of(StepSpec.of("wait", "hang")), List.of()));
    eventually(() -> order("order-cancel").contains("StepStarted 0 wait"));
    h.engine.cancel(new Requests.Cancel(context("cancel-order", BUDGET), "order-cancel", "user pressed stop"));
    Outcome outcome = h.await(running);

    assertThat(outcome.status()).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(order("order-cancel")).containsExactly("NEXT CREATING", "SandboxCreated", "SandboxReady",
        "NEXT RUNNING_STEP", "StepStarted 0 wait", "CANCEL CLEANING_UP", "SandboxDeleted", "FINISH CANCELLED");
    assertConsistent("order-cancel");
    List<EngineEvent> events = h.observed("order-cancel");
    assertThat(((EngineEvent.PhaseChanged) events.get(5)).reason()).hasValueSatisfying(r ->
        assertThat(r).startsWith("CANCELLED: ").contains("user pressed stop"));
    assertThat(((EngineEvent.PhaseChanged) events.get(7)).reason()).isEqualTo(((EngineEvent.PhaseChanged) events.get(5)).reason());
  }

  @Test
  void aDeadlineDuringAStepEndsTimedOutAfterCleanUp() {
    Outcome outcome = h.await(h.engine.runJob(job("order-deadline", Duration.ofMillis(2500), List.of(),
        List.of(StepSpec.of("wait", "hang")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    List<String> order = order("order-deadline");
    assertThat(order).startsWith("NEXT CREATING", "SandboxCreated", "SandboxReady", "NEXT RUNNING_STEP",
        "StepStarted 0 wait");
    assertThat(order).endsWith("DEADLINE CLEANING_UP", "SandboxDeleted", "FINISH TIMED_OUT");
    assertThat(order.size()).isBetween(8, 9);
    assertConsistent("order-deadline");
    List<EngineEvent> events = h.observed("order-deadline");
    assertThat(((EngineEvent.PhaseChanged) events.get(events.size() - 1)).reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("DEADLINE_EXCEEDED: "));
  }

  @Test
  void aFailingStepIsReportedThenArtifactsAreCollectedAndTheRequestFails() {
    Outcome outcome = h.await(h.engine.runJob(job("order-fail", BUDGET, List.of(),
        List.of(StepSpec.of("test", "exit", "3"), StepSpec.of("never", "echo", "no")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(order("order-fail")).containsExactly("NEXT CREATING", "SandboxCreated", "SandboxReady",
        "NEXT RUNNING_STEP", "StepStarted 0 test", "StepFinished 0 FAILED", "NEXT COLLECTING", "NEXT CLEANING_UP",
        "SandboxDeleted", "FINISH FAILED");
    assertConsistent("order-fail");
    List<EngineEvent> events = h.observed("order-fail");
    assertThat(((EngineEvent.StepFinished) events.get(5)).result().exitCode()).contains(3);
    assertThat(((EngineEvent.PhaseChanged) events.get(9)).reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("STEP_FAILED: "));
  }

  @Test
  void aFailedCreateIsAFailureInCreatingWithItsReason() {
    h.gateway.createFailure = new ShellbusException(FailureCode.PERMISSION_DENIED, "no sandboxes for you");
    Outcome outcome = h.await(h.engine.runJob(job("order-create", BUDGET, List.of(),
        List.of(StepSpec.of("never", "echo", "no")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(order("order-create")).containsExactly("NEXT CREATING", "FAILURE CLEANING_UP", "FINISH FAILED");
    assertConsistent("order-create");
    EngineEvent.PhaseChanged failed = (EngineEvent.PhaseChanged) h.observed("order-create").get(1);
    assertThat(failed.header().from()).isEqualTo(RequestState.CREATING);
    assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("PERMISSION_DENIED: "));
  }

  @Test
  void aCancelledSessionExecReportsNoStepEndAndKeepsTheSandbox() {
    h.await(h.engine.openSession(new Requests.OpenSession(session("order-open-c", "c", BUDGET),
        SandboxOptions.defaults(), Duration.ofMinutes(15), List.of(), Optional.empty())));
    Future<Outcome> running = h.engine.exec(new Requests.Exec(session("order-exec-c", "c", BUDGET), StepSpec.of("x", "hang")));
    eventually(() -> order("order-exec-c").contains("StepStarted 0 exec"));
    h.engine.cancel(new Requests.Cancel(session("cancel-exec-c", "c", BUDGET), "order-exec-c", "enough"));
    Outcome outcome = h.await(running);

    assertThat(outcome.status()).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(order("order-exec-c")).containsExactly("NEXT LOCATING", "NEXT RUNNING_STEP", "StepStarted 0 exec",
        "CANCEL CLEANING_UP", "SandboxKept", "FINISH CANCELLED");
    assertConsistent("order-exec-c");
  }

  @Test
  void aDeadlinePassedOnArrivalGoesStraightToCleanUp() {
    Outcome outcome = h.await(h.engine.runJob(job("order-late", Duration.ofMillis(-10), List.of(),
        List.of(StepSpec.of("never", "echo", "no")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(order("order-late")).containsExactly("DEADLINE CLEANING_UP", "FINISH TIMED_OUT");
    assertConsistent("order-late");
    assertThat(h.observed("order-late")).allSatisfy(e -> assertThat(((EngineEvent.PhaseChanged) e).reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("DEADLINE_EXCEEDED: ")));
  }

  @Test
  void aFailedDeleteIsReportedInCleanUpAndTheJobStillSucceeds() {
    h.gateway.deleteFailure = new ShellbusException(FailureCode.GATEWAY_UNAVAILABLE, "down");
    Outcome outcome = h.await(h.engine.runJob(job("order-undeletable", BUDGET, List.of(),
        List.of(StepSpec.of("s", "true")), List.of())));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(order("order-undeletable")).containsExactly("NEXT CREATING", "SandboxCreated", "SandboxReady",
        "NEXT RUNNING_STEP", "StepStarted 0 s", "StepFinished 0 SUCCEEDED", "NEXT COLLECTING", "NEXT CLEANING_UP",
        "SandboxDeleteFailed", "FINISH SUCCEEDED");
    assertConsistent("order-undeletable");
  }
}
