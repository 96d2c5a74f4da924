package dev.shellbus.loadtest.stats;

import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.loadtest.kafka.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a successful request's latency at the milestones its result reports (accepted, sandbox creating, ready,
 * inputs staged, steps finished, artifacts stored, sandbox deleted, result produced), with the generator's own send
 * and read times at both ends. Each phase is named after the milestones that bound it, e.g. {@code sent>accepted}
 * (Kafka, the consumer and the request-state write) or {@code finished>read} (the state write, publishing, and the
 * generator's fetch). Wall clocks, millisecond resolution; meaningful when the generator and the worker share a clock.
 */
public final class Phases {

  /**
   * One phase of one request.
   *
   * @param name the milestones that bound it, e.g. {@code sent>accepted}
   * @param millis its length
   */
  public record Phase(String name, long millis) {}

  private Phases() {}

  /** Returns the phases of a request's outcome; empty without a result. */
  public static List<Phase> of(Outcome outcome) {
    List<Phase> phases = new ArrayList<>();
    if (outcome.result() == null || outcome.sentEpochMillis() == 0) {
      return phases;
    }
    ResultTimings t = outcome.result().getTimings();
    String[] names = {"sent", "accepted", "creating", "ready", "inputs", "steps", "artifacts", "deleted", "finished",
        "read"};
    Instant[] at = {Instant.ofEpochMilli(outcome.sentEpochMillis()), t.getAcceptedAt(), t.getSandboxCreatingAt(),
        t.getSandboxReadyAt(), t.getInputsStagedAt(), t.getStepsFinishedAt(), t.getArtifactsStoredAt(),
        t.getSandboxDeletedAt(), t.getFinishedAt(), Instant.ofEpochMilli(outcome.receivedEpochMillis())};
    int previous = 0;
    for (int i = 1; i < names.length; i++) {
      if (at[i] != null) {
        phases.add(new Phase(names[previous] + ">" + names[i],
            Math.max(0, at[i].toEpochMilli() - at[previous].toEpochMilli())));
        previous = i;
      }
    }
    return phases;
  }
}
