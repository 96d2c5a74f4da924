package dev.shellbus.events;

import dev.shellbus.events.v1.Artifact;
import dev.shellbus.events.v1.AssignedPartition;
import dev.shellbus.events.v1.AuditActor;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.AuditFile;
import dev.shellbus.events.v1.AuditMetadata;
import dev.shellbus.events.v1.ErrorInfo;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.EncodedPolicy;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.NamedPolicy;
import dev.shellbus.events.v1.ObjectRef;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.OutputCapture;
import dev.shellbus.events.v1.OwnedSandbox;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import dev.shellbus.events.v1.StepResult;
import dev.shellbus.events.v1.StepStatus;
import dev.shellbus.events.v1.TraceContext;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.events.v1.WorkerStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Valid sample records of every published kind, with most optional fields set. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123Z");
  public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private Fixtures() {}

  public static SandboxSpec spec() {
    return SandboxSpec.newBuilder()
        .setImage("ghcr.io/example/build:1.2")
        .setEnv(Map.of("CI", "true", "TOKEN", "s3cr3t-value"))
        .setSecretEnvKeys(List.of("TOKEN"))
        .setPolicy(new NamedPolicy("ci-default"))
        .setProviders(List.of("github"))
        .setGpuCount(null)
        .setResources(Map.of("cpu", "2", "memory", "4Gi"))
        .setDriverConfig("{\"docker\":{}}")
        .setLabels(Map.of("team", "build"))
        .build();
  }

  public static Step step(String name, String... argv) {
    return Step.newBuilder().setName(name).setArgv(List.of(argv)).build();
  }

  public static Input inline(String path, String content) {
    return Input.newBuilder().setPath(path)
        .setSource(new InlineContent(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)))).build();
  }

  public static Input object(String path, String uri) {
    return Input.newBuilder().setPath(path).setMode(0755).setSource(new ObjectRef(uri, "a".repeat(64))).build();
  }

  public static RunJob job() {
    return RunJob.newBuilder()
        .setSpec(spec())
        .setInputs(List.of(inline("/sandbox/src/main.sh", "echo hi"), object("/sandbox/data.bin", "s3://bucket/in/data")))
        .setSteps(List.of(step("build", "make", "all"), Step.newBuilder(step("test", "bash", "-c", "make test"))
            .setWorkdir("/sandbox/src").setEnv(Map.of("KEY", "v")).setTimeoutSeconds(60).setAllowFailure(true)
            .setStdin(ByteBuffer.wrap(new byte[] {1, 2, 3})).build()))
        .setArtifactPaths(List.of("/sandbox/out", "/tmp/report.xml"))
        .build();
  }

  public static SandboxRequest request(Object body) {
    return SandboxRequest.newBuilder()
        .setRequestId("req-1")
        .setTenant("acme")
        .setPrincipal("user:alice@example.com")
        .setCreatedAt(NOW)
        .setDeadline(NOW.plusSeconds(600))
        .setLabels(Map.of("origin", "ci"))
        .setTrace(new TraceContext(TRACEPARENT, "vendor=abc"))
        .setBody(body)
        .build();
  }

  public static SandboxRequest request() {
    return request(job());
  }

  public static SandboxRequest execRequest() {
    return request(Exec.newBuilder().setSessionId("sess-1").setArgv(List.of("ls", "-la")).build());
  }

  public static OutputCapture output(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return OutputCapture.newBuilder().setHead(ByteBuffer.wrap(bytes)).setTotalBytes(bytes.length)
        .setLogUri("s3://logs/req-1/stdout").build();
  }

  public static SandboxResult result() {
    StepResult step = StepResult.newBuilder().setIndex(0).setName("build").setStatus(StepStatus.FAILED)
        .setExitCode(2).setStartedAt(NOW).setFinishedAt(NOW.plusSeconds(3))
        .setStdout(output("building")).setStderr(output("error: x")).build();
    return SandboxResult.newBuilder()
        .setRequestId("req-1").setTenant("acme").setAttempt(2).setStatus(ResultStatus.FAILED)
        .setSteps(List.of(step))
        .setArtifacts(List.of(new Artifact("/sandbox/out", "s3://art/req-1/out.tar", "b".repeat(64), 1234L, "build")))
        .setManifestUri("s3://art/req-1/manifest.json")
        .setSandboxId("0b6f1c9e-0000-4000-8000-000000000001").setSandboxName("sb-req-1")
        .setTimings(ResultTimings.newBuilder().setAcceptedAt(NOW).setSandboxReadyAt(NOW.plusMillis(900))
            .setFinishedAt(NOW.plusSeconds(5)).build())
        .setError(new ErrorInfo(ErrorCode.STEP_FAILED.name(), "step build exited 2", false))
        .setWorkerId("worker-a")
        .build();
  }

  public static LifecycleEvent lifecycle() {
    return LifecycleEvent.newBuilder().setEventId("e-1").setRequestId("req-1").setTenant("acme")
        .setType(LifecycleType.STEP_FINISHED).setAt(NOW).setStepIndex(0).setStepName("build").setExitCode(0)
        .setFromState("RUNNING").setToState("RUNNING").setElapsedMs(1200L)
        .setAttributes(Map.of("k", "v")).build();
  }

  public static AuditEvent audit() {
    return AuditEvent.newBuilder().setTime(NOW).setClassUid(1007).setCategoryUid(1).setActivityId(1).setTypeUid(100701)
        .setActor(new AuditActor("user:alice", "acme", "worker-a")).setRequestId("req-1")
        .setProcessArgv(List.of("make", "all")).setDurationMs(10L)
        .setFile(AuditFile.newBuilder().setPath("/sandbox/out").setSize(3L).build())
        .setMetadata(AuditMetadata.newBuilder().setEventUid("e-2").setProductVersion("0.1.0").build())
        .build();
  }

  public static WorkerHeartbeat heartbeat() {
    return WorkerHeartbeat.newBuilder().setWorkerId("worker-a").setHost("pod-1").setVersion("0.1.0")
        .setStartedAt(NOW).setAt(NOW.plusSeconds(30)).setCapacity(8).setInFlight(3).setQueued(1)
        .setOwnedSandboxes(List.of(OwnedSandbox.newBuilder().setSandboxName("sb-req-1").setRequestId("req-1").build()))
        .setAssignedPartitions(List.of(new AssignedPartition(Topics.REQUESTS, 0)))
        .setStatus(WorkerStatus.RUNNING).build();
  }

  /** Returns a request of every body kind. */
  public static List<SandboxRequest> requestsOfEveryBody() {
    SandboxSpec spec = SandboxSpec.newBuilder(spec()).setPolicy(new EncodedPolicy(ByteBuffer.wrap(new byte[] {8, 1})))
        .setGpuCount(1).build();
    return List.of(
        request(job()),
        request(OpenSession.newBuilder().setSessionId("sess-1").setSpec(spec)
            .setInputs(List.of(inline("/sandbox/a.txt", "a"))).setRestoreSnapshotUri("s3://snap/sess-1.tar").build()),
        execRequest(),
        request(new PutFiles("sess-1", List.of(object("/tmp/b.bin", "s3://bucket/b")))),
        request(new GetFiles("sess-1", List.of("/sandbox/out"))),
        request(new CloseSession("sess-1", true)),
        request(new Cancel("req-0", "user asked")));
  }

  /** Returns samples of {@code kind}; for requests, one per body kind. */
  public static List<SpecificRecord> samples(EventKind kind) {
    return kind == EventKind.REQUEST ? List.copyOf(requestsOfEveryBody()) : List.of(sample(kind));
  }

  /** Returns the sample record of {@code kind}. */
  public static SpecificRecord sample(EventKind kind) {
    return switch (kind) {
      case REQUEST -> request();
      case RESULT -> result();
      case LIFECYCLE -> lifecycle();
      case AUDIT -> audit();
      case HEARTBEAT -> heartbeat();
    };
  }
}
