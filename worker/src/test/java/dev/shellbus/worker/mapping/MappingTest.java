package dev.shellbus.worker.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.engine.ErrorInfo;
import dev.shellbus.orchestrator.engine.OutputCapture;
import dev.shellbus.orchestrator.engine.Outcome;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.engine.StepSpec;
import dev.shellbus.orchestrator.engine.Timings;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.transfer.InputSource;
import dev.shellbus.events.Topics;
import dev.shellbus.worker.audit.SecretScrubber;
import dev.shellbus.worker.kafka.InboundRequest;
import dev.shellbus.worker.kafka.OutboundRecord;
import dev.shellbus.worker.kafka.TopicNames;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingTest {

  private final RequestMapper mapper = new RequestMapper("w-1", "team-ws", Duration.ofHours(1));

  @Test
  void aRunJobBecomesAnEngineJobWithACappedDeadline() {
    Requests.Job job = (Requests.Job) mapper.toEngine(Fixtures.secretJob(), 2, Fixtures.NOW);
    assertThat(job.context().attempt()).isEqualTo(2);
    assertThat(job.context().workerId()).isEqualTo("w-1");
    assertThat(job.context().deadline().instant()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(1)));
    assertThat(job.sandbox().workspace()).isEqualTo("team-ws");
    assertThat(job.sandbox().image()).isEqualTo("busybox");
    assertThat(job.sandbox().providers()).containsExactly("github");
    assertThat(job.steps()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("deploy");
      assertThat(s.secretEnvKeys()).containsExactly("TOKEN");
      assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    });
    assertThat(job.inputs()).singleElement().satisfies(i -> {
      assertThat(i.mode()).isEqualTo(0600);
      assertThat(i.source()).isInstanceOf(InputSource.Inline.class);
    });
    assertThat(job.artifactPaths()).containsExactly("/sandbox/out");
  }

  @Test
  void anOutcomeBecomesAResult() {
    Outcome outcome = new Outcome("req-1", 1, Outcome.Status.FAILED,
        List.of(new StepResult(0, "deploy", StepResult.Status.FAILED, Optional.of(3), Optional.of(Fixtures.NOW),
            Optional.of(Fixtures.NOW.plusSeconds(1)), new OutputCapture(Buffer.buffer("out"), Buffer.buffer(), false,
                3, Optional.empty()), OutputCapture.empty())),
        List.of(), Optional.empty(), Optional.empty(), List.of(),
        Optional.of(new SandboxHandle("uuid-1", "sj-abc-1", "default")),
        new Timings(Fixtures.NOW, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Fixtures.NOW.plusSeconds(2)),
        Optional.of(new ErrorInfo(FailureCode.STEP_FAILED, "step deploy exited 3", false)), List.of());
    SandboxResult r = new ResultMapper("w-1").fromOutcome(Fixtures.secretJob(), outcome, SecretScrubber.NONE);
    assertThat(r.getStatus()).isEqualTo(ResultStatus.FAILED);
    assertThat(r.getSteps().get(0).getExitCode()).isEqualTo(3);
    assertThat(r.getError().getCode()).isEqualTo("STEP_FAILED");
    assertThat(r.getSandboxId()).isEqualTo("uuid-1");
    assertThat(r.getWorkerId()).isEqualTo("w-1");
    assertThat(r.getTimings().getFinishedAt()).isEqualTo(Fixtures.NOW.plusSeconds(2));
  }

  @Test
  void everyFailureCodeMapsToAContractCode() {
    java.util.Set<FailureCode> renamed = java.util.EnumSet.of(
        FailureCode.ALREADY_EXISTS, FailureCode.EXEC_INTERRUPTED, FailureCode.STORAGE_FAILED);
    for (FailureCode code : FailureCode.values()) {
      assertThat(ErrorCodes.of(code)).isNotEqualTo(ErrorCode.UNKNOWN);
      if (!renamed.contains(code)) {
        // A new engine code must get a contract code of the same name (or an explicit rename), never a silent INTERNAL.
        assertThat(ErrorCodes.of(code).name()).as(code.name()).isEqualTo(code.name());
      }
    }
    assertThat(ErrorCodes.of(FailureCode.ALREADY_EXISTS)).isEqualTo(ErrorCode.CONFLICT);
    assertThat(ErrorCodes.of(FailureCode.DEADLINE_EXCEEDED)).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
  }

  @Test
  void transitionsMapToLifecycleTypes() {
    assertThat(LifecycleMapper.type(Fixtures.phase(RequestState.ACCEPTED, RequestState.CREATING,
        EngineEvent.Cause.NEXT, Optional.empty()))).contains(LifecycleType.SANDBOX_CREATING);
    assertThat(LifecycleMapper.type(Fixtures.phase(RequestState.UPLOADING, RequestState.RUNNING_STEP,
        EngineEvent.Cause.NEXT, Optional.empty()))).contains(LifecycleType.INPUTS_STAGED);
    assertThat(LifecycleMapper.type(Fixtures.phase(RequestState.CLEANING_UP, RequestState.TIMED_OUT,
        EngineEvent.Cause.FINISH, Optional.empty()))).contains(LifecycleType.TIMED_OUT);
    assertThat(LifecycleMapper.type(Fixtures.phase(RequestState.ACCEPTED, RequestState.LOCATING,
        EngineEvent.Cause.NEXT, Optional.empty()))).isEmpty();
    var event = LifecycleMapper.event(Fixtures.stepFinished(0, StepSpec.of("deploy", "deploy"),
        StepResult.Status.FAILED, 3), LifecycleType.STEP_FINISHED, SecretScrubber.NONE);
    assertThat(event.getExitCode()).isEqualTo(3);
    assertThat(event.getSandboxId()).isEqualTo("uuid-1");
    assertThat(event.getAttributes()).containsEntry("label.team", "qa");
  }

  @Test
  void lifecycleEventsAreKeyedLikeTheirRequestAndNameTheSandboxInAHeader() {
    Outbound outbound = new Outbound(TopicNames.defaults(), "w-1");
    InboundRequest session = inbound("session-7", Fixtures.secretJob());
    var withSandbox = LifecycleMapper.event(Fixtures.stepFinished(0, StepSpec.of("deploy", "deploy"),
        StepResult.Status.SUCCEEDED, 0), LifecycleType.STEP_FINISHED, SecretScrubber.NONE);
    OutboundRecord record = outbound.lifecycle(session, withSandbox);
    assertThat(record.key()).isEqualTo("session-7");
    assertThat(record.headers()).filteredOn(h -> h.key().equals(Topics.SANDBOX_ID_HEADER))
        .extracting(h -> new String(h.value(), StandardCharsets.UTF_8)).containsExactly("uuid-1");
    assertThat(outbound.lifecycle(session, withSandbox).key()).isEqualTo(record.key());

    InboundRequest keyless = inbound(null, Fixtures.secretJob());
    var accepted = LifecycleMapper.own(keyless.request(), 1, "w-1", LifecycleType.ACCEPTED, null, Fixtures.NOW,
        Duration.ZERO);
    OutboundRecord first = outbound.lifecycle(keyless, accepted);
    assertThat(first.key()).isEqualTo(keyless.requestId());
    assertThat(first.headers()).noneMatch(h -> h.key().equals(Topics.SANDBOX_ID_HEADER));
  }

  private static InboundRequest inbound(String key, dev.shellbus.events.v1.SandboxRequest request) {
    return new InboundRequest("shellbus.requests", 0, 0, key, List.of(), request, Optional.empty(), 1);
  }

  @Test
  void requestKindsHaveBoundedTags() {
    assertThat(RequestKind.of(Fixtures.secretJob())).isEqualTo(RequestKind.RUN_JOB);
    assertThat(RequestKind.RUN_JOB.tag()).isEqualTo("run_job");
  }
}
