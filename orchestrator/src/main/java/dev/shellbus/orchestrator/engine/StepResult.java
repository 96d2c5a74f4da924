package dev.shellbus.orchestrator.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * How one step (or a session Exec) ended.
 *
 * @param index zero-based position in the job (0 for an Exec)
 * @param name the step name ("exec" for an Exec)
 * @param status how it ended
 * @param exitCode the exit code, empty when the command never reported one
 * @param startedAt when the exec was sent, empty for a skipped step
 * @param finishedAt when the exit (or the error) arrived, empty for a skipped step
 * @param stdout standard output, bounded
 * @param stderr standard error, bounded
 */
public record StepResult(int index, String name, Status status, Optional<Integer> exitCode, Optional<Instant> startedAt,
    Optional<Instant> finishedAt, OutputCapture stdout, OutputCapture stderr) {
  /** The step statuses of the event contract. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    SKIPPED,
    CANCELLED
  }

  /** A step that never started. */
  public static StepResult skipped(int index, String name) {
    return new StepResult(index, name, Status.SKIPPED, Optional.empty(), Optional.empty(), Optional.empty(),
        OutputCapture.empty(), OutputCapture.empty());
  }
}
