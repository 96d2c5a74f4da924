package dev.shellbus.devkit.gateway.store;

import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_DELETING;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_ERROR;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_PROVISIONING;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_READY;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_STARTING;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_STOPPED;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_STOPPING;
import static dev.shellbus.gateway.v1.SandboxPhase.SANDBOX_PHASE_UNKNOWN;

import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox phase machine of contract section 4.3 as a declarative table: (phase, event) to phase, plus the
 * {@code Ready} condition the gateway writes with it.
 *
 * <p>A pair that has no row is not a transition: timers that fire late (a sandbox stopped while it was provisioning,
 * say) find no row and do nothing, and the services turn a missing row for a user call into FAILED_PRECONDITION.
 */
public final class PhaseMachine {

  /** The message of the Ready condition once the (simulated) supervisor is connected. */
  public static final String CONNECTED = "Supervisor session connected";

  /**
   * One row of the table.
   *
   * @param from the phase the sandbox is in
   * @param event what happened
   * @param to the phase it moves to
   * @param ready the new status of the Ready condition, or {@code null} to leave the condition as it is
   * @param reason the new reason of the Ready condition
   * @param message the default message of the Ready condition
   */
  public record Transition(
      SandboxPhase from, LifecycleEvent event, SandboxPhase to, String ready, String reason, String message) {}

  private static final List<Transition> TABLE = buildTable();

  private PhaseMachine() {}

  private static List<Transition> buildTable() {
    List<Transition> rows = new ArrayList<>();
    for (SandboxPhase from : List.of(SANDBOX_PHASE_PROVISIONING, SANDBOX_PHASE_STARTING)) {
      rows.add(new Transition(from, LifecycleEvent.SESSION_CONNECTED, SANDBOX_PHASE_READY, "True",
          "DependenciesReady", CONNECTED));
    }
    rows.add(new Transition(SANDBOX_PHASE_READY, LifecycleEvent.SESSION_DROPPED, SANDBOX_PHASE_PROVISIONING, "False",
        "DependenciesNotReady", "Supervisor session disconnected; waiting for it to reconnect"));
    for (SandboxPhase from : List.of(SANDBOX_PHASE_READY, SANDBOX_PHASE_PROVISIONING)) {
      rows.add(new Transition(from, LifecycleEvent.MAIN_PROCESS_EXITED, SANDBOX_PHASE_ERROR, "False",
          "MainProcessExited", "Main process exited"));
    }
    for (SandboxPhase from : List.of(SANDBOX_PHASE_READY, SANDBOX_PHASE_STOPPING)) {
      rows.add(new Transition(from, LifecycleEvent.STOP_REQUESTED, SANDBOX_PHASE_STOPPING, "False", "Stopping",
          "Sandbox is stopping"));
    }
    rows.add(new Transition(SANDBOX_PHASE_STOPPING, LifecycleEvent.COMPUTE_STOPPED, SANDBOX_PHASE_STOPPED, "False",
        "Stopped", "Sandbox is stopped"));
    for (SandboxPhase from : List.of(SANDBOX_PHASE_STOPPED, SANDBOX_PHASE_STARTING)) {
      rows.add(new Transition(from, LifecycleEvent.START_REQUESTED, SANDBOX_PHASE_STARTING, "False", "Starting",
          "Sandbox is starting"));
    }
    for (SandboxPhase from : List.of(SANDBOX_PHASE_PROVISIONING, SANDBOX_PHASE_READY, SANDBOX_PHASE_ERROR,
        SANDBOX_PHASE_STOPPING, SANDBOX_PHASE_STOPPED, SANDBOX_PHASE_STARTING, SANDBOX_PHASE_UNKNOWN,
        SANDBOX_PHASE_DELETING)) {
      rows.add(new Transition(from, LifecycleEvent.DELETE_REQUESTED, SANDBOX_PHASE_DELETING, null, null, null));
    }
    return List.copyOf(rows);
  }

  /** Returns every row of the table. */
  public static List<Transition> transitions() {
    return TABLE;
  }

  /** Returns the row for this phase and event, or empty when the event does not apply in this phase. */
  public static Optional<Transition> next(SandboxPhase from, LifecycleEvent event) {
    for (Transition row : TABLE) {
      if (row.from() == from && row.event() == event) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns {@code status} moved along {@code transition}: the new phase, and the Ready condition replaced when the
   * row sets one.
   *
   * @param message the condition message, or {@code null} for the row's default
   */
  public static SandboxStatus apply(SandboxStatus status, Transition transition, Instant now, String message) {
    SandboxStatus.Builder next = status.toBuilder().setPhase(transition.to());
    if (transition.ready() == null) {
      return next.build();
    }
    SandboxCondition ready = SandboxCondition.newBuilder()
        .setType("Ready")
        .setStatus(transition.ready())
        .setReason(transition.reason())
        .setMessage(message == null ? transition.message() : message)
        .setLastTransitionTime(now.toString())
        .build();
    next.clearConditions();
    for (SandboxCondition condition : status.getConditionsList()) {
      if (!condition.getType().equals("Ready")) {
        next.addConditions(condition);
      }
    }
    return next.addConditions(ready).build();
  }

  /** Returns the short name of a phase as messages print it, for example {@code Ready}. */
  public static String displayName(SandboxPhase phase) {
    String name = phase.name().replace("SANDBOX_PHASE_", "");
    return name.isEmpty() ? name : name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }
}
