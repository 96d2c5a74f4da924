package dev.shellbus.orchestrator.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * Milestones of one attempt; a milestone the attempt never reached is empty.
 *
 * @param acceptedAt when the engine took the request
 * @param sandboxCreatingAt when CreateSandbox was sent
 * @param sandboxReadyAt when the sandbox was seen READY
 * @param inputsStagedAt when the last input was written
 * @param stepsFinishedAt when the last step (or the Exec) finished
 * @param artifactsStoredAt when the last artifact was stored
 * @param sandboxDeletedAt when the sandbox deletion was accepted
 * @param finishedAt when the outcome was produced
 */
public record Timings(Instant acceptedAt, Optional<Instant> sandboxCreatingAt, Optional<Instant> sandboxReadyAt,
    Optional<Instant> inputsStagedAt, Optional<Instant> stepsFinishedAt, Optional<Instant> artifactsStoredAt,
    Optional<Instant> sandboxDeletedAt, Instant finishedAt) {}
