package dev.shellbus.worker.mapping;

import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.EncodedPolicy;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.SandboxOptions;
import dev.shellbus.orchestrator.engine.StepSpec;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Maps a validated {@code SandboxRequest} (Avro) to the engine's request types.
 *
 * <p>The request's deadline is brought forward to acceptance plus the configured longest run when it lies further
 * away. Named policies never reach this mapper: the handler rejects them first (no policies are configured).
 */
public final class RequestMapper {

  private final String workerId;
  private final String workspace;
  private final Duration longestRun;

  /**
   * Creates a mapper.
   *
   * @param workerId the worker id written into every request context
   * @param workspace the gateway workspace of new sandboxes
   * @param longestRun the longest a request may run
   */
  public RequestMapper(String workerId, String workspace, Duration longestRun) {
    this.workerId = workerId;
    this.workspace = workspace;
    this.longestRun = longestRun;
  }

  /** Returns the engine context of {@code request}'s attempt {@code attempt}, accepted at {@code now}. */
  public RequestContext context(SandboxRequest request, int attempt, Instant now) {
    Instant capped = now.plus(longestRun);
    Instant deadline = request.getDeadline().isAfter(capped) ? capped : request.getDeadline();
    return new RequestContext(request.getRequestId(), request.getTenant(), request.getPrincipal(),
        RequestKind.sessionId(request), attempt, Deadline.at(deadline), request.getLabels(), workerId);
  }

  /** Maps {@code request} (any kind but Cancel) to the engine request of attempt {@code attempt}. */
  public Requests.Request toEngine(SandboxRequest request, int attempt, Instant now) {
    RequestContext context = context(request, attempt, now);
    Object body = request.getBody();
    if (body instanceof RunJob job) {
      return new Requests.Job(context, sandbox(job.getSpec()), inputs(job.getInputs()),
          job.getSteps().stream().map(RequestMapper::step).toList(), job.getArtifactPaths(), job.getKeepSandbox(),
          Optional.ofNullable(job.getKeepSandboxTtlSeconds()).map(Duration::ofSeconds));
    } else if (body instanceof OpenSession open) {
      return new Requests.OpenSession(context, sandbox(open.getSpec()),
          Duration.ofSeconds(open.getIdleTtlSeconds()), inputs(open.getInputs()),
          Optional.ofNullable(open.getRestoreSnapshotUri()));
    } else if (body instanceof dev.shellbus.events.v1.Exec exec) {
      return new Requests.Exec(context, exec(exec));
    } else if (body instanceof PutFiles put) {
      return new Requests.PutFiles(context, inputs(put.getInputs()));
    } else if (body instanceof GetFiles get) {
      return new Requests.GetFiles(context, get.getPaths());
    } else if (body instanceof CloseSession close) {
      return new Requests.CloseSession(context, close.getStoreSnapshot());
    } else if (body instanceof dev.shellbus.events.v1.Cancel cancel) {
      return new Requests.Cancel(context, cancel.getTargetRequestId(), cancel.getReason());
    }
    throw new IllegalArgumentException("unknown request body " + body);
  }

  /** Maps a sandbox spec; the policy must be encoded (or absent). */
  SandboxOptions sandbox(SandboxSpec spec) {
    Optional<byte[]> policy = spec.getPolicy() instanceof EncodedPolicy encoded
        ? Optional.of(bytes(encoded.getProtobuf())) : Optional.empty();
    return new SandboxOptions(workspace, spec.getImage(), spec.getEnv(),
        new HashSet<>(spec.getSecretEnvKeys()), policy, spec.getProviders(),
        Optional.ofNullable(spec.getGpuCount()), spec.getResources(), Optional.ofNullable(spec.getDriverConfig()),
        spec.getLabels());
  }

  static StepSpec step(Step step) {
    return new StepSpec(step.getName(), step.getArgv(), step.getWorkdir(), step.getEnv(),
        new HashSet<>(step.getSecretEnvKeys()), step.getStdin() == null ? null : bytes(step.getStdin()),
        Duration.ofSeconds(step.getTimeoutSeconds()), step.getAllowFailure());
  }

  static StepSpec exec(dev.shellbus.events.v1.Exec exec) {
    return new StepSpec("exec", exec.getArgv(), exec.getWorkdir(), exec.getEnv(),
        new HashSet<>(exec.getSecretEnvKeys()), exec.getStdin() == null ? null : bytes(exec.getStdin()),
        Duration.ofSeconds(exec.getTimeoutSeconds()), false);
  }

  static List<FileInput> inputs(List<Input> inputs) {
    return inputs.stream().map(RequestMapper::input).toList();
  }

  private static FileInput input(Input input) {
    InputSource source;
    if (input.getSource() instanceof InlineContent inline) {
      source = new InputSource.Inline(bytes(inline.getData()));
    } else {
      dev.shellbus.events.v1.ObjectRef ref = (dev.shellbus.events.v1.ObjectRef) input.getSource();
      source = new InputSource.FromObject(ref.getUri(), Optional.ofNullable(ref.getSha256()));
    }
    return new FileInput(input.getPath(), input.getMode(), source);
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
