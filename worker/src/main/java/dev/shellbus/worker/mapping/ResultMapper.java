package dev.shellbus.worker.mapping;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.Artifact;
import dev.shellbus.events.v1.ErrorInfo;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.StepStatus;
import dev.shellbus.orchestrator.engine.ArtifactResult;
import dev.shellbus.orchestrator.engine.OutputCapture;
import dev.shellbus.orchestrator.engine.Outcome;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.engine.Timings;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.worker.audit.SecretScrubber;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code SandboxResult} records: from an engine {@link Outcome}, or for a request that never ran (rejected,
 * out of attempts, past its deadline on a later attempt). Inline output and messages pass through the request's
 * {@link SecretScrubber}.
 */
public final class ResultMapper {

  /** The longest error message a result carries. */
  public static final int MAX_MESSAGE = 2048;

  private final String workerId;

  /** Creates a mapper writing {@code workerId} into every result. */
  public ResultMapper(String workerId) {
    this.workerId = workerId;
  }

  /** Maps an outcome of {@code request}. */
  public SandboxResult fromOutcome(SandboxRequest request, Outcome outcome, SecretScrubber scrubber) {
    SandboxResult.Builder b = base(request, outcome.attempt())
        .setStatus(ResultStatus.valueOf(outcome.status().name()))
        .setSteps(outcome.steps().stream().map(s -> step(s, scrubber)).toList())
        .setArtifacts(outcome.artifacts().stream().map(ResultMapper::artifact).toList())
        .setManifestUri(outcome.manifest().map(StoredObject::uri).orElse(null))
        .setSnapshotUri(outcome.snapshot().map(StoredObject::uri).orElse(null))
        .setTimings(timings(outcome.timings()));
    outcome.sandbox().ifPresent(h -> b.setSandboxId(h.id()).setSandboxName(h.name()));
    outcome.error().ifPresent(e -> {
      ErrorCode code = ErrorCodes.of(e.code());
      b.setError(error(code, scrubber.text(e.message()), code.retryable()));
    });
    return b.build();
  }

  /**
   * A result for a request that did not run.
   *
   * @param status REJECTED, FAILED or TIMED_OUT
   */
  public SandboxResult notRun(SandboxRequest request, int attempt, ResultStatus status, ErrorCode code,
      String message, Instant acceptedAt, Instant now) {
    return base(request, attempt).setStatus(status)
        .setTimings(ResultTimings.newBuilder().setAcceptedAt(acceptedAt).setFinishedAt(now).build())
        .setError(error(code, SecretScrubber.of(request).text(message), code.retryable())).build();
  }

  private SandboxResult.Builder base(SandboxRequest request, int attempt) {
    return SandboxResult.newBuilder().setRequestId(request.getRequestId())
        .setSessionId(RequestKind.sessionId(request).orElse(null)).setTenant(request.getTenant())
        .setAttempt(attempt).setWorkerId(workerId);
  }

  static ErrorInfo error(ErrorCode code, String message, boolean retryable) {
    String text = message == null ? "" : message;
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE - 3) + "...";
    }
    return ErrorInfo.newBuilder().setCode(code.name()).setMessage(text).setRetryable(retryable).build();
  }

  static dev.shellbus.events.v1.StepResult step(StepResult s, SecretScrubber scrubber) {
    return dev.shellbus.events.v1.StepResult.newBuilder().setIndex(s.index()).setName(s.name())
        .setStatus(StepStatus.valueOf(s.status().name())).setExitCode(s.exitCode().orElse(null))
        .setStartedAt(s.startedAt().orElse(null)).setFinishedAt(s.finishedAt().orElse(null))
        .setStdout(capture(s.stdout(), scrubber)).setStderr(capture(s.stderr(), scrubber)).build();
  }

  static dev.shellbus.events.v1.OutputCapture capture(OutputCapture c, SecretScrubber scrubber) {
    return dev.shellbus.events.v1.OutputCapture.newBuilder()
        .setHead(ByteBuffer.wrap(scrubber.bytes(c.head().getBytes())))
        .setTail(ByteBuffer.wrap(scrubber.bytes(c.tail().getBytes())))
        .setTruncated(c.truncated()).setTotalBytes(c.totalBytes())
        .setLogUri(c.log().map(StoredObject::uri).orElse(null)).build();
  }

  static Artifact artifact(ArtifactResult a) {
    return Artifact.newBuilder().setPath(a.path()).setUri(a.uri()).setSha256(a.sha256()).setSize(a.size())
        .setStep(a.step().orElse(null)).build();
  }

  static ResultTimings timings(Timings t) {
    return ResultTimings.newBuilder().setAcceptedAt(t.acceptedAt())
        .setSandboxCreatingAt(t.sandboxCreatingAt().orElse(null)).setSandboxReadyAt(t.sandboxReadyAt().orElse(null))
        .setInputsStagedAt(t.inputsStagedAt().orElse(null)).setStepsFinishedAt(t.stepsFinishedAt().orElse(null))
        .setArtifactsStoredAt(t.artifactsStoredAt().orElse(null))
        .setSandboxDeletedAt(t.sandboxDeletedAt().orElse(null)).setFinishedAt(t.finishedAt()).build();
  }

  /** Returns the steps of a result as a list, for tests and logs. */
  static List<dev.shellbus.events.v1.StepResult> steps(SandboxResult result) {
    return result.getSteps();
  }
}
