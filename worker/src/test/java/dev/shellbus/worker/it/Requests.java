package dev.shellbus.worker.it;

import dev.shellbus.events.v1.Artifact;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import dev.shellbus.events.v1.TraceContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the requests the end-to-end tests send. */
final class Requests {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private Requests() {}

  static SandboxRequest.Builder envelope(String id, Duration deadline) {
    Instant now = Instant.now();
    return SandboxRequest.newBuilder().setRequestId(id).setTenant("acme").setPrincipal("alice@example.com")
        .setCreatedAt(now).setDeadline(now.plus(deadline)).setLabels(Map.of("team", "qa"))
        .setTrace(TraceContext.newBuilder().setTraceparent(TRACEPARENT).build());
  }

  static Step step(String name, String... argv) {
    return Step.newBuilder().setName(name).setArgv(List.of(argv)).build();
  }

  static Input inline(String path, String content) {
    return Input.newBuilder().setPath(path).setSource(InlineContent.newBuilder()
        .setData(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8))).build()).build();
  }

  static SandboxSpec spec() {
    return SandboxSpec.newBuilder().build();
  }

  static SandboxRequest job(String id, Duration deadline, List<Input> inputs, List<Step> steps,
      List<String> artifacts) {
    return envelope(id, deadline).setBody(RunJob.newBuilder().setSpec(spec()).setInputs(inputs).setSteps(steps)
        .setArtifactPaths(artifacts).build()).build();
  }

  static SandboxRequest job(String id, Step... steps) {
    return job(id, Duration.ofMinutes(2), List.of(), List.of(steps), List.of());
  }

  static SandboxRequest open(String id, String session) {
    return envelope(id, Duration.ofMinutes(2)).setBody(OpenSession.newBuilder().setSessionId(session)
        .setSpec(spec()).build()).build();
  }

  static SandboxRequest exec(String id, String session, String... argv) {
    return envelope(id, Duration.ofMinutes(2)).setBody(Exec.newBuilder().setSessionId(session)
        .setArgv(List.of(argv)).build()).build();
  }

  static SandboxRequest close(String id, String session) {
    return envelope(id, Duration.ofMinutes(2)).setBody(CloseSession.newBuilder().setSessionId(session).build())
        .build();
  }

  static SandboxRequest cancel(String id, String target) {
    return envelope(id, Duration.ofMinutes(2)).setBody(Cancel.newBuilder().setTargetRequestId(target)
        .setReason("test cancel").build()).build();
  }

  static String stdout(dev.shellbus.events.v1.StepResult step) {
    ByteBuffer head = step.getStdout().getHead().duplicate();
    byte[] bytes = new byte[head.remaining()];
    head.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static String paths(List<Artifact> artifacts) {
    return artifacts.stream().map(Artifact::getPath).toList().toString();
  }
}
