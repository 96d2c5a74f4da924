package dev.shellbus.worker.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.OutputCapture;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.engine.StepSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import dev.shellbus.worker.audit.AuditFactory;
import dev.shellbus.worker.audit.AuditTrail;
import dev.shellbus.worker.heartbeat.OwnedSandboxes;
import dev.shellbus.worker.kafka.EventPublisher;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.kafka.TopicNames;
import dev.shellbus.worker.mapping.Fixtures;
import dev.shellbus.worker.mapping.Outbound;
import dev.shellbus.worker.mapping.RequestMapper;
import dev.shellbus.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One attempt observing its engine events: what reaches the lifecycle and audit topics, in which order, with which
 * attributes and timestamps, and what is held for the completion.
 */
class RequestAttemptTest {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final SandboxHandle SANDBOX = new SandboxHandle("uuid-1", "sj-abc-1", "default");

  private final List<LifecycleEvent> lifecycle = new ArrayList<>();
  private final List<AuditEvent> audit = new ArrayList<>();
  private final OwnedSandboxes owned = new OwnedSandboxes();
  private final EventPublisher publisher = new EventPublisher() {
    private final EventDeserializer<LifecycleEvent> lifecycleCodec = new EventDeserializer<>(LifecycleEvent.class);
    private final EventDeserializer<AuditEvent> auditCodec = new EventDeserializer<>(AuditEvent.class);

    @Override
    public Future<RecordMetadata> publish(String topic, String key, byte[] value, Iterable<Header> headers) {
      if (topic.equals(TOPICS.lifecycle())) {
        lifecycle.add(lifecycleCodec.decode(value));
      } else if (topic.equals(TOPICS.audit())) {
        audit.add(auditCodec.decode(value));
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
      return Future.failedFuture("not used");
    }
  };
  private final Requests.Job job = (Requests.Job) new RequestMapper("w-1", "", Duration.ofHours(1))
      .toEngine(Fixtures.secretJob(), 1, Fixtures.NOW);
  private final RequestAttempt attempt = attempt();

  private RequestAttempt attempt() {
    WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
    RequestTrack track = new RequestTrack(new InboundRequest(TOPICS.requests(), 0, 0, "req-1", List.of(),
        Fixtures.secretJob(), Optional.empty(), 1), Fixtures.NOW);
    return new RequestAttempt(track, new AuditTrail(new AuditFactory("test"), job.context(),
        job.sandbox().providers(), track.scrubber), new EventSink(publisher, new Outbound(TOPICS, "w-1"), metrics),
        new EngineMeters(metrics, owned));
  }

  private static Instant t(int second) {
    return Fixtures.NOW.plusSeconds(second);
  }

  private EngineEvent.Header header(int second, RequestState from, RequestState to, boolean sandbox) {
    RequestContext context = job.context();
    return new EngineEvent.Header(context, t(second), Duration.ofSeconds(second), from, to,
        sandbox ? Optional.of(SANDBOX.name()) : Optional.of("sj-abc-1"),
        sandbox ? Optional.of(SANDBOX) : Optional.empty());
  }

  private EngineEvent.Header at(int second, RequestState state) {
    return header(second, state, state, true);
  }

  /** The events of a job with one input, one step and one artifact, a second apart. */
  private List<EngineEvent> job() {
    StepSpec step = job.steps().get(0);
    StepResult result = new StepResult(0, step.name(), StepResult.Status.SUCCEEDED, Optional.of(0),
        Optional.of(t(5)), Optional.of(t(7)), OutputCapture.empty(), OutputCapture.empty());
    StoredObject object = new StoredObject(new ObjectRef("bucket", "runs/req-1/1/artifacts/sandbox/out.tar"), 42,
        "ab".repeat(32));
    return List.of(
        new EngineEvent.PhaseChanged(header(0, RequestState.ACCEPTED, RequestState.CREATING, false),
            EngineEvent.Cause.NEXT, Optional.empty()),
        new EngineEvent.SandboxCreated(header(1, RequestState.CREATING, RequestState.WAITING_READY, true), SANDBOX,
            false, Duration.ofSeconds(1)),
        new EngineEvent.SandboxReady(header(2, RequestState.WAITING_READY, RequestState.UPLOADING, true),
            Duration.ofSeconds(1)),
        new EngineEvent.InputWritten(at(3, RequestState.UPLOADING),
            new InputReceipt("/sandbox/in.txt", 4, "cd".repeat(32), "")),
        new EngineEvent.PhaseChanged(header(4, RequestState.UPLOADING, RequestState.RUNNING_STEP, true),
            EngineEvent.Cause.NEXT, Optional.empty()),
        new EngineEvent.StepStarted(at(5, RequestState.RUNNING_STEP), 0, step),
        new EngineEvent.StepFinished(at(7, RequestState.RUNNING_STEP), step, result),
        new EngineEvent.PhaseChanged(header(8, RequestState.RUNNING_STEP, RequestState.COLLECTING, true),
            EngineEvent.Cause.NEXT, Optional.empty()),
        new EngineEvent.ArtifactStored(at(9, RequestState.COLLECTING), EngineEvent.StoredKind.ARTIFACT,
            "/sandbox/out", object),
        new EngineEvent.PhaseChanged(header(10, RequestState.COLLECTING, RequestState.CLEANING_UP, true),
            EngineEvent.Cause.NEXT, Optional.empty()),
        new EngineEvent.SandboxDeleted(at(11, RequestState.CLEANING_UP), SANDBOX.name(), true,
            Duration.ofMillis(250)),
        new EngineEvent.PhaseChanged(header(12, RequestState.CLEANING_UP, RequestState.SUCCEEDED, true),
            EngineEvent.Cause.FINISH, Optional.empty()));
  }

  @Test
  void aJobPublishesItsLifecycleInOrderAndHoldsTheTerminalEvent() {
    job().forEach(attempt::on);

    assertThat(lifecycle).extracting(LifecycleEvent::getType).containsExactly(LifecycleType.SANDBOX_CREATING,
        LifecycleType.SANDBOX_READY, LifecycleType.INPUTS_STAGED, LifecycleType.STEP_STARTED,
        LifecycleType.STEP_FINISHED, LifecycleType.ARTIFACT_STORED, LifecycleType.SANDBOX_DELETED);
    assertThat(lifecycle).extracting(e -> e.getFromState() + ">" + e.getToState()).containsExactly(
        "ACCEPTED>CREATING", "WAITING_READY>UPLOADING", "UPLOADING>RUNNING_STEP", "RUNNING_STEP>RUNNING_STEP",
        "RUNNING_STEP>RUNNING_STEP", "COLLECTING>COLLECTING", "CLEANING_UP>CLEANING_UP");
    assertThat(lifecycle.get(0).getAttributes()).isEqualTo(Map.of("label.team", "qa"));
    assertThat(lifecycle.get(3).getAttributes()).isEqualTo(Map.of("step.index", "0", "step.name", "deploy",
        "label.team", "qa"));
    assertThat(lifecycle.get(4).getAttributes()).isEqualTo(Map.of("step.index", "0", "step.name", "deploy",
        "step.status", "SUCCEEDED", "exit.code", "0", "label.team", "qa"));
    assertThat(lifecycle.get(4).getExitCode()).isZero();
    assertThat(lifecycle.get(5).getAttributes()).isEqualTo(Map.of("artifact.path", "/sandbox/out",
        "artifact.uri", "s3://bucket/runs/req-1/1/artifacts/sandbox/out.tar", "artifact.sha256", "ab".repeat(32),
        "artifact.size", "42", "label.team", "qa"));
    assertThat(lifecycle.get(6).getAttributes()).isEqualTo(Map.of("sandbox.name", "sj-abc-1", "deleted", "true",
        "label.team", "qa"));
    assertThat(lifecycle.get(6).getSandboxId()).isEqualTo("uuid-1");
    assertThat(attempt.terminal()).hasValueSatisfying(e -> assertThat(e.getType()).isEqualTo(LifecycleType.SUCCEEDED));
    assertThat(attempt.sandboxId()).isEqualTo("uuid-1");
    assertThat(owned.size()).isZero();
  }

  @Test
  void auditEventsAreStampedWhenEachThingHappened() {
    job().forEach(attempt::on);

    assertThat(audit).extracting(a -> a.getClassUid() + "/" + a.getActivityId() + "@" + a.getTime().getEpochSecond())
        .containsExactly(
            "6003/1@" + t(1).getEpochSecond(), "6003/1@" + t(1).getEpochSecond(),
            "1001/1@" + t(3).getEpochSecond(),
            "1007/1@" + t(5).getEpochSecond(), "1007/2@" + t(7).getEpochSecond(),
            "1001/2@" + t(9).getEpochSecond(),
            "6003/4@" + t(11).getEpochSecond());
    AuditEvent input = audit.get(2);
    assertThat(input.getFile().getPath()).isEqualTo("/sandbox/in.txt");
    assertThat(input.getSandboxId()).isEqualTo("uuid-1");
    assertThat(audit.get(3).getProcessArgv()).doesNotContain("--token=" + Fixtures.STEP_SECRET);
    assertThat(audit.get(4).getDurationMs()).isEqualTo(2000L);
    assertThat(audit.get(4).getExitCode()).isZero();
    assertThat(audit.get(6).getDurationMs()).isEqualTo(250L);
  }

  @Test
  void anAbandonedAttemptStillPublishesItsDeletionAndItsAudit() {
    List<EngineEvent> events = job();
    events.subList(0, 5).forEach(attempt::on);
    int published = lifecycle.size();
    attempt.abandon();
    events.subList(5, events.size()).forEach(attempt::on);

    assertThat(lifecycle.subList(published, lifecycle.size())).extracting(LifecycleEvent::getType)
        .containsExactly(LifecycleType.SANDBOX_DELETED);
    assertThat(audit).hasSize(7);
    assertThat(attempt.terminal()).isPresent();
  }

  @Test
  void aFailedCreateIsAuditedWithItsScrubbedReason() {
    attempt.on(new EngineEvent.PhaseChanged(header(0, RequestState.ACCEPTED, RequestState.CREATING, false),
        EngineEvent.Cause.NEXT, Optional.empty()));
    attempt.on(new EngineEvent.PhaseChanged(header(2, RequestState.CREATING, RequestState.CLEANING_UP, false),
        EngineEvent.Cause.FAILURE, Optional.of("PERMISSION_DENIED: token " + Fixtures.STEP_SECRET)));

    assertThat(audit).singleElement().satisfies(a -> {
      assertThat(a.getApiOperation()).isEqualTo("CreateSandbox");
      assertThat(a.getMessage()).startsWith("sandbox create failed: PERMISSION_DENIED").doesNotContain(Fixtures.STEP_SECRET);
      assertThat(a.getDurationMs()).isEqualTo(2000L);
    });
    assertThat(lifecycle).extracting(LifecycleEvent::getType).containsExactly(LifecycleType.SANDBOX_CREATING);
  }
}
