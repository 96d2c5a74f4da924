package dev.shellbus.worker.audit;

import static dev.shellbus.worker.mapping.Fixtures.SANDBOX_SECRET;
import static dev.shellbus.worker.mapping.Fixtures.STEP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.audit.Redaction;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.orchestrator.engine.OutputCapture;
import dev.shellbus.orchestrator.engine.Outcome;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.engine.Timings;
import dev.shellbus.orchestrator.redact.Secrets;
import dev.shellbus.worker.mapping.Fixtures;
import dev.shellbus.worker.mapping.LifecycleMapper;
import dev.shellbus.worker.mapping.RequestMapper;
import dev.shellbus.worker.mapping.ResultMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secret env values (and arguments carrying them) never appear in the bytes of results, audit or lifecycle. */
class SecretRedactionTest {

  private final SandboxRequest request = Fixtures.secretJob();
  private final SecretScrubber scrubber = SecretScrubber.of(request);

  @Test
  void auditEventsCarryTheRedactedArgvOnly() {
    Requests.Job job = (Requests.Job) new RequestMapper("w-1", "", Duration.ofHours(1))
        .toEngine(request, 1, Fixtures.NOW);
    AuditTrail trail = new AuditTrail(new AuditFactory("test"), job.context(), job.sandbox().providers(), scrubber);
    List<AuditEvent> events = new ArrayList<>();
    EngineEvent.Header created = Fixtures.header(RequestState.CREATING, RequestState.WAITING_READY);
    events.addAll(trail.on(new EngineEvent.SandboxCreated(created, created.sandbox().orElseThrow(), false,
        Duration.ofMillis(300))));
    events.addAll(trail.on(new EngineEvent.StepStarted(Fixtures.header(RequestState.RUNNING_STEP,
        RequestState.RUNNING_STEP), 0, job.steps().get(0))));
    events.addAll(trail.on(Fixtures.stepFinished(0, job.steps().get(0), StepResult.Status.FAILED, 1)));
    assertThat(events).extracting(AuditEvent::getApiOperation)
        .containsExactly("CreateSandbox", "AttachSandboxProvider", null, null);
    AuditEvent launch = events.get(2);
    assertThat(launch.getProcessArgv()).containsExactly("deploy", "--token=" + Redaction.MASK, "--db",
        "postgres://u:" + Redaction.MASK + "@db");
    assertThat(events.get(3).getExitCode()).isEqualTo(1);
    EventSerializer<AuditEvent> encoder = new EventSerializer<>(AuditEvent.class);
    for (AuditEvent e : events) {
      assertNoSecret(encoder.encode(e));
    }
  }

  @Test
  void resultsMaskSecretsPrintedByTheCommand() {
    Buffer printed = Buffer.buffer("token is " + STEP_SECRET + " and db " + SANDBOX_SECRET + "\n");
    Outcome outcome = new Outcome("req-1", 1, Outcome.Status.FAILED,
        List.of(new StepResult(0, "deploy", StepResult.Status.FAILED, Optional.of(1), Optional.of(Fixtures.NOW),
            Optional.of(Fixtures.NOW), new OutputCapture(printed, printed, true, 999, Optional.empty()),
            new OutputCapture(printed, Buffer.buffer(), false, printed.length(), Optional.empty()))),
        List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        new Timings(Fixtures.NOW, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Fixtures.NOW),
        Optional.of(new dev.shellbus.orchestrator.engine.ErrorInfo(
            dev.shellbus.orchestrator.FailureCode.STEP_FAILED, "saw " + STEP_SECRET, false)), List.of());
    SandboxResult result = new ResultMapper("w-1").fromOutcome(request, outcome, scrubber);
    byte[] bytes = new EventSerializer<>(SandboxResult.class).encode(result);
    assertNoSecret(bytes);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(Redaction.MASK);
  }

  @Test
  void lifecycleReasonsAreScrubbed() {
    LifecycleEvent event = LifecycleMapper.event(Fixtures.phase(RequestState.CLEANING_UP, RequestState.FAILED,
        EngineEvent.Cause.FINISH, Optional.of("STEP_FAILED: printed " + SANDBOX_SECRET)), LifecycleType.FAILED, scrubber);
    assertNoSecret(new EventSerializer<>(LifecycleEvent.class).encode(event));
  }

  @Test
  void theScrubberMasksLongestFirstInTextAndBytes() {
    SecretScrubber s = SecretScrubber.of(List.of("abc", "abcdef"));
    assertThat(s.text("xabcdefy abc")).isEqualTo("x" + Redaction.MASK + "y " + Redaction.MASK);
    byte[] same = "nothing here".getBytes(StandardCharsets.UTF_8);
    assertThat(s.bytes(same)).isSameAs(same);
  }

  @Test
  void theEngineMasksTheSameValuesWithTheContractsMask() {
    Requests.Job job = (Requests.Job) new RequestMapper("w-1", "", Duration.ofHours(1))
        .toEngine(request, 1, Fixtures.NOW);
    assertThat(Secrets.MASK).isEqualTo(Redaction.MASK);
    assertThat(job.secrets().values()).containsExactlyInAnyOrder(SANDBOX_SECRET, STEP_SECRET);
    byte[] printed = ("db " + SANDBOX_SECRET + " token " + STEP_SECRET).getBytes(StandardCharsets.UTF_8);
    assertThat(job.secrets().redact(printed)).isEqualTo(scrubber.bytes(printed));
  }

  static void assertNoSecret(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain(SANDBOX_SECRET).doesNotContain(STEP_SECRET);
  }
}
