package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import java.util.List;
import java.util.Optional;

/**
 * The terminal outcome of one request, everything the worker needs for the result event (and, with
 * the inputs, for audit). Exactly one per request.
 *
 * @param requestId the request this answers
 * @param attempt the attempt that produced it
 * @param status the terminal status (REJECTED is the worker's, never the engine's)
 * @param steps one entry per job step (skipped ones included) or one for an Exec
 * @param artifacts stored artifacts, including files returned by GetFiles
 * @param manifest the JSON manifest listing logs and artifacts, when anything was stored
 * @param snapshot the workspace snapshot stored by CloseSession
 * @param inputs what was written into the sandbox, with digests
 * @param sandbox the sandbox, if one was created or found
 * @param timings milestones of the attempt
 * @param error why it did not succeed; empty when SUCCEEDED
 * @param warnings things that went wrong without changing the status (e.g. a failed delete the reaper will retry)
 */
public record Outcome(String requestId, int attempt, Status status, List<StepResult> steps, List<ArtifactResult> artifacts,
    Optional<StoredObject> manifest, Optional<StoredObject> snapshot, List<InputReceipt> inputs,
    Optional<SandboxHandle> sandbox, Timings timings, Optional<ErrorInfo> error, List<String> warnings) {
  /** Terminal statuses the engine produces. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT
  }

  public Outcome {
    steps = List.copyOf(steps);
    artifacts = List.copyOf(artifacts);
    inputs = List.copyOf(inputs);
    warnings = List.copyOf(warnings);
  }
}
