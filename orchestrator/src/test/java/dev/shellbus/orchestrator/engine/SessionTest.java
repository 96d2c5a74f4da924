package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.eventually;
import static dev.shellbus.orchestrator.engine.EngineHarness.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.testing.FakeSandbox;
import dev.shellbus.orchestrator.transfer.FileInput;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private Outcome open(String request, String sessionId, Optional<String> snapshot) {
    return h.await(h.engine.openSession(new Requests.OpenSession(session(request, sessionId, BUDGET), SandboxOptions.defaults(),
        Duration.ofMinutes(15), List.of(FileInput.inline("/sandbox/hello.txt", "hi".getBytes(StandardCharsets.UTF_8))), snapshot)));
  }

  private FakeSandbox only() {
    assertThat(h.gateway.sandboxes()).hasSize(1);
    return h.gateway.sandboxes().get(0);
  }

  @Test
  void sessionOpensRunsMovesFilesAndClosesWithASnapshotThatRestores() {
    Outcome opened = open("open-1", "s1", Optional.empty());
    assertThat(opened.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(only().info().labels()).containsEntry("shellbus.dev/session", "s1").containsKey("shellbus.dev/expires-at")
        .containsEntry("shellbus.dev/idle-ttl", "900");

    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-1", "s1", BUDGET),
        StepSpec.of("ignored", "write", "/sandbox/made.txt", "made"))));
    assertThat(exec.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(exec.steps()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("exec"));

    Outcome put = h.await(h.engine.putFiles(new Requests.PutFiles(session("put-1", "s1", BUDGET),
        List.of(new FileInput("/sandbox/cfg/app.conf", 0600, new dev.shellbus.orchestrator.transfer.InputSource.Inline(
            "k=v".getBytes(StandardCharsets.UTF_8)))))));
    assertThat(put.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(only().files().get("/sandbox/cfg/app.conf").mode()).isEqualTo(0600);

    Outcome get = h.await(h.engine.getFiles(new Requests.GetFiles(session("get-1", "s1", BUDGET), List.of("/sandbox/made.txt"))));
    assertThat(get.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(get.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.step()).isEmpty();
      assertThat(h.store.bytes(a.uri()).toString()).isEqualTo("made");
    });

    Outcome closed = h.await(h.engine.closeSession(new Requests.CloseSession(session("close-1", "s1", BUDGET), true)));
    assertThat(closed.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(closed.snapshot()).isPresent();
    assertThat(h.gateway.sandboxes()).isEmpty();

    Outcome reopened = open("open-2", "s2", Optional.of(closed.snapshot().get().uri()));
    assertThat(reopened.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(only().files()).containsKeys("/sandbox/made.txt", "/sandbox/cfg/app.conf", "/sandbox/hello.txt");
  }

  @Test
  void anotherWorkerContinuesTheSessionFromTheGatewayLabels() {
    open("open-r", "roaming", Optional.empty());
    EngineHarness.Engine second = h.newEngine(EngineConfig.defaults(EngineHarness.BUCKET, "runs"));

    Outcome exec = h.await(second.exec(new Requests.Exec(session("exec-r", "roaming", BUDGET), StepSpec.of("x", "echo", "hi"))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(exec.sandbox().orElseThrow().name()).isEqualTo(only().info().handle().name());
  }

  @Test
  void callOnAnUnknownSessionFailsNotFound() {
    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-x", "nope", BUDGET), StepSpec.of("x", "true"))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(exec.error().orElseThrow().code()).isEqualTo(FailureCode.NOT_FOUND);
  }

  @Test
  void aCallOnASessionTheReaperEndedAnswersSessionExpiredWithItsReasonUntilItIsClosed() throws Exception {
    Promise<Void> noted = Promise.promise();
    h.vertx.runOnContext(v -> SessionEnds.write(h.store, SessionEnds.ref(EngineHarness.BUCKET, "runs", "acme", "gone"),
        new SessionEnds.SessionEnd("session-idle", "session gone idle for 15m0s (idle TTL 15m0s)",
            java.time.Instant.parse("2026-12-03T10:00:00Z"), "ss-gone"),
        dev.shellbus.orchestrator.Deadline.in(BUDGET)).onComplete(noted));
    noted.future().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-g", "gone", BUDGET), StepSpec.of("x", "true"))));
    assertThat(exec.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(exec.error().orElseThrow().code()).isEqualTo(FailureCode.SESSION_EXPIRED);
    assertThat(exec.error().orElseThrow().message()).contains("session-idle", "2026-12-03T10:00:00Z");
    Outcome otherSession = h.await(h.engine.exec(new Requests.Exec(session("exec-o", "other", BUDGET),
        StepSpec.of("x", "true"))));
    assertThat(otherSession.error().orElseThrow().code()).as("another session's call").isEqualTo(FailureCode.NOT_FOUND);

    Outcome closed = h.await(h.engine.closeSession(new Requests.CloseSession(session("close-g", "gone", BUDGET), false)));
    assertThat(closed.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    Outcome afterClose = h.await(h.engine.exec(new Requests.Exec(session("exec-g2", "gone", BUDGET),
        StepSpec.of("x", "true"))));
    assertThat(afterClose.error().orElseThrow().code()).as("closed by its caller").isEqualTo(FailureCode.NOT_FOUND);
  }

  @Test
  void aCallOnASessionPastItsMaximumLifetimeAnswersSessionExpired() {
    EngineHarness.Engine shortLived = h.newEngine(EngineHarness.CONFIG.withMaxSessionLifetime(Duration.ofSeconds(1)));
    assertThat(h.await(shortLived.openSession(new Requests.OpenSession(session("open-s", "brief", BUDGET),
        SandboxOptions.defaults(), Duration.ofMinutes(15), List.of(), Optional.empty()))).status())
        .isEqualTo(Outcome.Status.SUCCEEDED);
    eventually(() -> java.time.Instant.now().getEpochSecond() > Long.parseLong(
        only().info().labels().get("shellbus.dev/expires-at")));

    Outcome exec = h.await(shortLived.exec(new Requests.Exec(session("exec-s", "brief", BUDGET), StepSpec.of("x", "true"))));
    assertThat(exec.error().orElseThrow().code()).isEqualTo(FailureCode.SESSION_EXPIRED);
    assertThat(exec.error().orElseThrow().message()).contains("maximum lifetime");
  }

  @Test
  void closingAnUnknownSessionSucceeds() {
    Outcome closed = h.await(h.engine.closeSession(new Requests.CloseSession(session("close-x", "ghost", BUDGET), false)));

    assertThat(closed.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(h.events("close-x")).containsExactly(RequestEvent.LOCATE, RequestEvent.CLEAN_UP, RequestEvent.FINISH_SUCCEEDED);
  }

  @Test
  void openingASessionThatIsAlreadyOpenIsAConflict() {
    open("open-a", "dup", Optional.empty());
    Outcome again = open("open-b", "dup", Optional.empty());

    assertThat(again.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(again.error().orElseThrow().code()).isEqualTo(FailureCode.CONFLICT);
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void failingCommandFailsTheExecButKeepsTheSession() {
    open("open-f", "f", Optional.empty());
    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-f", "f", BUDGET), StepSpec.of("x", "exit", "2"))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(exec.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_FAILED);
    assertThat(exec.steps().get(0).exitCode()).contains(2);
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void cancelledExecIsKilledInsideTheSandboxThatStays() {
    open("open-k", "k", Optional.empty());
    Future<Outcome> running = h.engine.exec(new Requests.Exec(session("exec-k", "k", BUDGET), StepSpec.of("x", "hang")));
    eventually(() -> !h.observed("exec-k", EngineEvent.StepStarted.class).isEmpty());
    h.engine.cancel(new Requests.Cancel(session("cancel-k", "k", BUDGET), "exec-k", "enough"));
    Outcome exec = h.await(running);

    assertThat(exec.status()).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(exec.steps().get(0).status()).isEqualTo(StepResult.Status.CANCELLED);
    assertThat(h.gateway.commands.kills).singleElement().satisfies(pid -> assertThat(pid).contains("exec-k"));
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void timedOutExecIsKilledToo() {
    open("open-t", "t", Optional.empty());
    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-t", "t", BUDGET),
        StepSpec.of("x", "hang").withTimeout(Duration.ofSeconds(1)))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(exec.error().orElseThrow().code()).isEqualTo(FailureCode.STEP_TIMED_OUT);
    assertThat(h.gateway.commands.kills).hasSize(1);
  }

  @Test
  void execRunningIntoTheDeadlineTimesOut() {
    open("open-d", "d", Optional.empty());
    Outcome exec = h.await(h.engine.exec(new Requests.Exec(session("exec-d", "d", Duration.ofMillis(2500)), StepSpec.of("x", "hang"))));

    assertThat(exec.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void cancelAndDeadlineWhileLocatingTheSession() {
    open("open-l", "l", Optional.empty());
    h.gateway.listGate = Promise.promise();
    Future<Outcome> cancelled = h.engine.putFiles(new Requests.PutFiles(session("put-l", "l", BUDGET), List.of()));
    eventually(() -> h.events("put-l").contains(RequestEvent.LOCATE));
    h.engine.cancel(new Requests.Cancel(session("c-l", "l", BUDGET), "put-l", ""));
    assertThat(h.await(cancelled).status()).isEqualTo(Outcome.Status.CANCELLED);

    Outcome late = h.await(h.engine.getFiles(new Requests.GetFiles(session("get-l", "l", Duration.ofMillis(600)),
        List.of("/sandbox/hello.txt"))));
    assertThat(late.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(h.transitions).anyMatch(t -> t.from() == RequestState.LOCATING && t.event() == RequestEvent.DEADLINE);
    assertThat(h.transitions).anyMatch(t -> t.from() == RequestState.LOCATING && t.event() == RequestEvent.CANCEL);
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void callsOfOneSessionRunInSubmissionOrder() {
    open("open-o", "o", Optional.empty());
    Future<Outcome> first = h.engine.exec(new Requests.Exec(session("o-1", "o", BUDGET), StepSpec.of("x", "write", "/sandbox/f", "1")));
    Future<Outcome> second = h.engine.exec(new Requests.Exec(session("o-2", "o", BUDGET), StepSpec.of("x", "write", "/sandbox/f", "2")));
    h.await(first);
    h.await(second);

    assertThat(new String(only().files().get("/sandbox/f").data(), StandardCharsets.UTF_8)).isEqualTo("2");
    assertThat(h.gateway.commands.steps).extracting(argv -> argv.get(2)).containsExactly("1", "2");
  }
}
