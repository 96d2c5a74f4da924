package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.redact.Secrets;
import dev.shellbus.orchestrator.transfer.FileInput;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests the engine serves, one record per kind. Each carries its {@link RequestContext};
 * session requests name their session there. Paths are absolute sandbox paths already validated
 * by the worker; the engine refuses relative or escaping ones again.
 */
public final class Requests {
  private Requests() {}

  /** Every request kind. */
  public sealed interface Request permits Job, OpenSession, Exec, PutFiles, GetFiles, CloseSession, Cancel {
    RequestContext context();
  }

  /**
   * A batch job: create, ready, inputs, steps in order, artifacts, delete (unless kept), result.
   *
   * @param artifactPaths sandbox files or directories stored after the steps, also after a failed step
   * @param keepSandbox leave the sandbox in place at the end (the reaper removes it after its keep TTL)
   * @param keepSandboxTtl with {@code keepSandbox}, how long it may stay after the job ended; empty leaves it to the
   *     reaper's {@code reaper.keep-sandbox-ttl}
   */
  public record Job(RequestContext context, SandboxOptions sandbox, List<FileInput> inputs, List<StepSpec> steps,
      List<String> artifactPaths, boolean keepSandbox, Optional<Duration> keepSandboxTtl) implements Request {
    public Job {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(sandbox, "sandbox");
      Objects.requireNonNull(keepSandboxTtl, "keepSandboxTtl");
      inputs = List.copyOf(inputs);
      steps = List.copyOf(steps);
      artifactPaths = List.copyOf(artifactPaths);
    }

    /** A job whose kept sandbox (if kept) gets the reaper's default TTL. */
    public Job(RequestContext context, SandboxOptions sandbox, List<FileInput> inputs, List<StepSpec> steps,
        List<String> artifactPaths, boolean keepSandbox) {
      this(context, sandbox, inputs, steps, artifactPaths, keepSandbox, Optional.empty());
    }

    /** The secret values of the sandbox env and of every step's env: each step's output is masked by all of them. */
    public Secrets secrets() {
      return steps.stream().map(StepSpec::secrets).reduce(sandbox.secrets(), Secrets::plus);
    }
  }

  /**
   * Opens a session: a sandbox held open for later calls, optionally restored from a snapshot.
   *
   * @param idleTtl how long the session may sit idle before the reaper closes it
   * @param restoreSnapshotUri a workspace snapshot (tar) unpacked into the workspace before the inputs
   */
  public record OpenSession(RequestContext context, SandboxOptions sandbox, Duration idleTtl, List<FileInput> inputs,
      Optional<String> restoreSnapshotUri) implements Request {
    public OpenSession {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(sandbox, "sandbox");
      Objects.requireNonNull(idleTtl, "idleTtl");
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(restoreSnapshotUri, "restoreSnapshotUri");
      context.requireSession();
    }
  }

  /** Runs one command in the session's sandbox. */
  public record Exec(RequestContext context, StepSpec command) implements Request {
    public Exec {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(command, "command");
      context.requireSession();
    }
  }

  /** Writes files into the session's sandbox. */
  public record PutFiles(RequestContext context, List<FileInput> inputs) implements Request {
    public PutFiles {
      Objects.requireNonNull(context, "context");
      inputs = List.copyOf(inputs);
      context.requireSession();
    }
  }

  /** Copies files or directories out of the session's sandbox; they come back as artifacts. */
  public record GetFiles(RequestContext context, List<String> paths) implements Request {
    public GetFiles {
      Objects.requireNonNull(context, "context");
      paths = List.copyOf(paths);
      context.requireSession();
    }
  }

  /**
   * Closes the session; closing an unknown or closed session succeeds.
   *
   * @param storeSnapshot store the workspace as a tar snapshot before deleting the sandbox
   */
  public record CloseSession(RequestContext context, boolean storeSnapshot) implements Request {
    public CloseSession {
      Objects.requireNonNull(context, "context");
      context.requireSession();
    }
  }

  /** Stops an earlier request; the target finishes CANCELLED. */
  public record Cancel(RequestContext context, String targetRequestId, String reason) implements Request {
    public Cancel {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(targetRequestId, "targetRequestId");
      reason = reason == null ? "" : reason;
    }
  }
}
