package dev.shellbus.worker.mapping;

import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.OutputCapture;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.engine.StepSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests and engine events for the unit tests; the secret values are easy to search for in bytes. */
public final class Fixtures {

  public static final String SANDBOX_SECRET = "sbx-secret-8f3a";
  public static final String STEP_SECRET = "step-secret-91c2";
  public static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private Fixtures() {}

  /** A job whose sandbox and step env hold secrets that also appear in the argv. */
  public static SandboxRequest secretJob() {
    Step step = Step.newBuilder().setName("deploy")
        .setArgv(List.of("deploy", "--token=" + STEP_SECRET, "--db", "postgres://u:" + SANDBOX_SECRET + "@db"))
        .setEnv(Map.of("TOKEN", STEP_SECRET, "PLAIN", "visible")).setSecretEnvKeys(List.of("TOKEN"))
        .setTimeoutSeconds(30).build();
    SandboxSpec spec = SandboxSpec.newBuilder().setImage("busybox").setEnv(Map.of("DB_PASSWORD", SANDBOX_SECRET))
        .setSecretEnvKeys(List.of("DB_PASSWORD")).setProviders(List.of("github")).build();
    Input input = Input.newBuilder().setPath("/sandbox/in.txt").setMode(0600).setSource(InlineContent.newBuilder()
        .setData(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8))).build()).build();
    return SandboxRequest.newBuilder().setRequestId("req-1").setTenant("acme").setPrincipal("alice")
        .setCreatedAt(NOW).setDeadline(NOW.plus(Duration.ofHours(5))).setLabels(Map.of("team", "qa"))
        .setBody(RunJob.newBuilder().setSpec(spec).setInputs(List.of(input)).setSteps(List.of(step))
            .setArtifactPaths(List.of("/sandbox/out")).build()).build();
  }

  public static RequestContext context() {
    return new RequestContext("req-1", "acme", "alice", Optional.empty(), 1, Deadline.at(NOW.plusSeconds(60)),
        Map.of("team", "qa"), "w-1");
  }

  /** The header of an event in {@code from} that leads to {@code to}, with a known sandbox. */
  public static EngineEvent.Header header(RequestState from, RequestState to) {
    return new EngineEvent.Header(context(), NOW, Duration.ofSeconds(2), from, to, Optional.of("sj-abc-1"),
        Optional.of(new SandboxHandle("uuid-1", "sj-abc-1", "default")));
  }

  /** A phase change from {@code from} to {@code to}. */
  public static EngineEvent.PhaseChanged phase(RequestState from, RequestState to, EngineEvent.Cause cause,
      Optional<String> reason) {
    return new EngineEvent.PhaseChanged(header(from, to), cause, reason);
  }

  /** Step {@code index} of {@code step} ended with {@code status} and {@code exitCode}. */
  public static EngineEvent.StepFinished stepFinished(int index, StepSpec step, StepResult.Status status,
      int exitCode) {
    return new EngineEvent.StepFinished(header(RequestState.RUNNING_STEP, RequestState.RUNNING_STEP), step,
        new StepResult(index, step.name(), status, Optional.of(exitCode), Optional.of(NOW.minusMillis(300)),
            Optional.of(NOW), OutputCapture.empty(), OutputCapture.empty()));
  }
}
