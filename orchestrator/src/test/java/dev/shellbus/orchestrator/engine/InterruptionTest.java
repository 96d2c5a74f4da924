package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static dev.shellbus.orchestrator.engine.EngineHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancel and deadline in every phase of a job: the outcome is CANCELLED or TIMED_OUT, the running
 * exec is cancelled, and the sandbox is deleted, also one whose create was still in flight.
 */
class InterruptionTest {
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Requests.Job job(String id, Duration budget, List<FileInput> inputs, List<StepSpec> steps, List<String> artifacts) {
    return new Requests.Job(context(id, budget), SandboxOptions.defaults(), inputs, steps, artifacts, false);
  }

  private static Requests.Job hangingJob(String id, Duration budget) {
    return job(id, budget, List.of(), List.of(StepSpec.of("wait", "hang")), List.of());
  }

  private Outcome cancelWhen(Requests.Job job, RequestState state) {
    Future<Outcome> running = h.engine.runJob(job);
    String id = job.context().requestId();
    eventually(() -> h.transitions.stream().anyMatch(t -> t.context().requestId().equals(id) && t.to() == state));
    h.engine.cancel(new Requests.Cancel(context("cancel-" + id, Duration.ofSeconds(5)), id, "user pressed stop"));
    return h.await(running);
  }

  private void assertInterrupted(Outcome outcome, Outcome.Status status, RequestState from) {
    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.error().orElseThrow().code())
        .isEqualTo(status == Outcome.Status.CANCELLED ? FailureCode.CANCELLED : FailureCode.DEADLINE_EXCEEDED);
    RequestEvent event = status == Outcome.Status.CANCELLED ? RequestEvent.CANCEL : RequestEvent.DEADLINE;
    assertThat(h.transitions).anyMatch(t -> t.context().requestId().equals(outcome.requestId()) && t.event() == event
        && t.from() == from);
  }

  @Test
  void cancelDuringAStepCancelsTheExecAndDeletesTheSandbox() {
    Outcome outcome = cancelWhen(hangingJob("c-step", Duration.ofSeconds(30)), RequestState.RUNNING_STEP);
    eventually(() -> !h.gateway.calls.isEmpty() && h.gateway.calls.get(h.gateway.calls.size() - 1).cancelled());

    assertInterrupted(outcome, Outcome.Status.CANCELLED, RequestState.RUNNING_STEP);
    assertThat(outcome.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.CANCELLED);
    assertThat(h.gateway.sandboxes()).isEmpty();
    assertThat(h.events("c-step").get(h.events("c-step").size() - 1)).isEqualTo(RequestEvent.FINISH_CANCELLED);
  }

  @Test
  void deadlineDuringAStepTimesOutAndStillDeletes() {
    Outcome outcome = h.await(h.engine.runJob(hangingJob("d-step", Duration.ofMillis(2500))));

    assertInterrupted(outcome, Outcome.Status.TIMED_OUT, RequestState.RUNNING_STEP);
    assertThat(outcome.steps().get(0).status()).isEqualTo(StepResult.Status.TIMED_OUT);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void cancelWhileCreatingWaitsForTheCreateAndDeletesWhatItMade() {
    h.gateway.createGate = Promise.promise();
    Future<Outcome> running = h.engine.runJob(hangingJob("c-create", Duration.ofSeconds(30)));
    eventually(() -> h.events("c-create").contains(RequestEvent.CREATE));
    h.engine.cancel(new Requests.Cancel(context("x", Duration.ofSeconds(5)), "c-create", "stop"));
    eventually(() -> h.events("c-create").contains(RequestEvent.CANCEL));
    h.gateway.createGate.complete();
    Outcome outcome = h.await(running);

    assertInterrupted(outcome, Outcome.Status.CANCELLED, RequestState.CREATING);
    assertThat(h.gateway.deleted).hasSize(1);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void deadlineWhileCreatingTimesOut() {
    h.gateway.createGate = Promise.promise();
    Future<Outcome> running = h.engine.runJob(hangingJob("d-create", Duration.ofMillis(800)));
    eventually(() -> h.events("d-create").contains(RequestEvent.DEADLINE));
    h.gateway.createGate.complete();
    Outcome outcome = h.await(running);

    assertInterrupted(outcome, Outcome.Status.TIMED_OUT, RequestState.CREATING);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void cancelWhileWaitingForReady() {
    h.gateway.readyGate = Promise.promise();
    Outcome outcome = cancelWhen(hangingJob("c-ready", Duration.ofSeconds(30)), RequestState.WAITING_READY);

    assertInterrupted(outcome, Outcome.Status.CANCELLED, RequestState.WAITING_READY);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void deadlineWhileWaitingForReady() {
    h.gateway.readyGate = Promise.promise();
    Outcome outcome = h.await(h.engine.runJob(hangingJob("d-ready", Duration.ofMillis(800))));

    assertInterrupted(outcome, Outcome.Status.TIMED_OUT, RequestState.WAITING_READY);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  private Requests.Job uploadingJob(String id, Duration budget) {
    h.gateway.hangUploads = true;
    return job(id, budget, List.of(new FileInput("/sandbox/big", 0644, new InputSource.Inline(new byte[2_000_000]))),
        List.of(StepSpec.of("s", "true")), List.of());
  }

  @Test
  void cancelWhileUploading() {
    Outcome outcome = cancelWhen(uploadingJob("c-upload", Duration.ofSeconds(30)), RequestState.UPLOADING);

    assertInterrupted(outcome, Outcome.Status.CANCELLED, RequestState.UPLOADING);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void deadlineWhileUploading() {
    Outcome outcome = h.await(h.engine.runJob(uploadingJob("d-upload", Duration.ofMillis(1500))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(h.transitions).anyMatch(t -> t.context().requestId().equals("d-upload") && t.from() == RequestState.UPLOADING
        && t.event() == RequestEvent.DEADLINE);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  private Requests.Job collectingJob(String id, Duration budget) {
    h.gateway.hangCollect = true;
    return job(id, budget, List.of(), List.of(StepSpec.of("s", "write", "/sandbox/a", "x")), List.of("/sandbox/a"));
  }

  @Test
  void cancelWhileCollecting() {
    Outcome outcome = cancelWhen(collectingJob("c-collect", Duration.ofSeconds(30)), RequestState.COLLECTING);

    assertInterrupted(outcome, Outcome.Status.CANCELLED, RequestState.COLLECTING);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void deadlineWhileCollecting() {
    Outcome outcome = h.await(h.engine.runJob(collectingJob("d-collect", Duration.ofMillis(2500))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(h.transitions).anyMatch(t -> t.context().requestId().equals("d-collect") && t.from() == RequestState.COLLECTING
        && t.event() == RequestEvent.DEADLINE);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void deadlinePassedOnArrivalTimesOutWithoutCreating() {
    Outcome outcome = h.await(h.engine.runJob(hangingJob("late", Duration.ofMillis(-10))));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(h.events("late")).containsExactly(RequestEvent.DEADLINE, RequestEvent.FINISH_TIMED_OUT);
    assertThat(h.gateway.sandboxes()).isEmpty();
  }

  @Test
  void cancelThatArrivesBeforeItsTargetCancelsItOnArrival() {
    Outcome cancel = h.await(h.engine.cancel(new Requests.Cancel(context("c-first", Duration.ofSeconds(5)), "early", "")));
    Outcome outcome = h.await(h.engine.runJob(hangingJob("early", Duration.ofSeconds(30))));

    assertThat(cancel.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(cancel.warnings()).isNotEmpty();
    assertThat(outcome.status()).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(h.events("early")).containsExactly(RequestEvent.CANCEL, RequestEvent.FINISH_CANCELLED);
  }

  @Test
  void lifecycleTransitionsCarryTimingsAttemptAndReasons() {
    Consumer<TransitionTap.Taken> check = t -> {
      assertThat(t.context().attempt()).isEqualTo(1);
      assertThat(t.elapsed().isNegative()).isFalse();
      assertThat(t.inPreviousState().isNegative()).isFalse();
    };
    Outcome outcome = cancelWhen(hangingJob("timings", Duration.ofSeconds(30)), RequestState.RUNNING_STEP);

    assertThat(outcome.status()).isEqualTo(Outcome.Status.CANCELLED);
    List<TransitionTap.Taken> mine = h.transitions.stream().filter(t -> t.context().requestId().equals("timings")).toList();
    mine.forEach(check);
    assertThat(mine).filteredOn(t -> t.event() == RequestEvent.CANCEL).singleElement()
        .satisfies(t -> assertThat(t.reason()).hasValueSatisfying(r -> assertThat(r).contains("user pressed stop")));
    List<EngineEvent> events = h.observed("timings");
    assertThat(events).filteredOn(EngineEvent.StepStarted.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((EngineEvent.StepStarted) e).spec().name()).isEqualTo("wait"));
    assertThat(events.get(events.size() - 1).header().sandboxName()).isPresent();
  }
}
