package dev.shellbus.devkit.gateway.store;

import static dev.shellbus.devkit.gateway.store.LifecycleEvent.COMPUTE_STOPPED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.DELETE_REQUESTED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.MAIN_PROCESS_EXITED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.SESSION_CONNECTED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.SESSION_DROPPED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.START_REQUESTED;
import static dev.shellbus.devkit.gateway.store.LifecycleEvent.STOP_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the lifecycles a sandbox can have through the table; the last check fails when a row is never exercised.
 */
class PhaseMachineTest {

  private static final Set<PhaseMachine.Transition> EXERCISED = new HashSet<>();

  /** Fires the events in order from PROVISIONING and returns the phases visited; an event without a row fails. */
  private static List<SandboxPhase> walk(LifecycleEvent... events) {
    SandboxStatus status = SandboxStatus.newBuilder().setPhase(SandboxPhase.SANDBOX_PHASE_PROVISIONING).build();
    List<SandboxPhase> phases = new java.util.ArrayList<>();
    for (LifecycleEvent event : events) {
      PhaseMachine.Transition row = PhaseMachine.next(status.getPhase(), event)
          .orElseThrow(() -> new AssertionError("no transition for " + event));
      EXERCISED.add(row);
      status = PhaseMachine.apply(status, row, Instant.now(), null);
      phases.add(status.getPhase());
    }
    return phases;
  }

  @Test
  void createThenReadyWithSupervisorCondition() {
    SandboxStatus provisioning = SandboxStatus.newBuilder().setPhase(SandboxPhase.SANDBOX_PHASE_PROVISIONING).build();
    PhaseMachine.Transition row = PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_PROVISIONING, SESSION_CONNECTED)
        .orElseThrow();
    EXERCISED.add(row);
    SandboxStatus ready = PhaseMachine.apply(provisioning, row, Instant.EPOCH, null);
    assertThat(ready.getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_READY);
    SandboxCondition condition = ready.getConditions(0);
    assertThat(condition.getType()).isEqualTo("Ready");
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getReason()).isEqualTo("DependenciesReady");
    assertThat(condition.getMessage()).isEqualTo("Supervisor session connected");
    assertThat(condition.getLastTransitionTime()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void stopStartCycleReturnsToReady() {
    assertThat(walk(SESSION_CONNECTED, STOP_REQUESTED, STOP_REQUESTED, COMPUTE_STOPPED, START_REQUESTED,
        START_REQUESTED, SESSION_CONNECTED)).containsExactly(SandboxPhase.SANDBOX_PHASE_READY,
        SandboxPhase.SANDBOX_PHASE_STOPPING, SandboxPhase.SANDBOX_PHASE_STOPPING, SandboxPhase.SANDBOX_PHASE_STOPPED,
        SandboxPhase.SANDBOX_PHASE_STARTING, SandboxPhase.SANDBOX_PHASE_STARTING, SandboxPhase.SANDBOX_PHASE_READY);
  }

  @Test
  void flapGoesBackToProvisioningAndRecovers() {
    assertThat(walk(SESSION_CONNECTED, SESSION_DROPPED, SESSION_CONNECTED)).containsExactly(
        SandboxPhase.SANDBOX_PHASE_READY, SandboxPhase.SANDBOX_PHASE_PROVISIONING, SandboxPhase.SANDBOX_PHASE_READY);
  }

  @Test
  void mainProcessExitIsStickyError() {
    assertThat(walk(SESSION_CONNECTED, MAIN_PROCESS_EXITED)).endsWith(SandboxPhase.SANDBOX_PHASE_ERROR);
    assertThat(walk(MAIN_PROCESS_EXITED)).containsExactly(SandboxPhase.SANDBOX_PHASE_ERROR);
    for (LifecycleEvent event : LifecycleEvent.values()) {
      if (event != DELETE_REQUESTED) {
        assertThat(PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_ERROR, event)).as(event.name()).isEmpty();
      }
    }
  }

  @Test
  void stopAndStartNeedTheRightPhase() {
    assertThat(PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_PROVISIONING, STOP_REQUESTED)).isEmpty();
    assertThat(PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_READY, START_REQUESTED)).isEmpty();
    assertThat(PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_DELETING, SESSION_CONNECTED)).isEmpty();
    assertThat(PhaseMachine.displayName(SandboxPhase.SANDBOX_PHASE_PROVISIONING)).isEqualTo("Provisioning");
  }

  @Test
  void deleteWorksFromEveryPhaseAndKeepsTheCondition() {
    assertThat(walk(DELETE_REQUESTED, DELETE_REQUESTED)).containsOnly(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(walk(SESSION_CONNECTED, DELETE_REQUESTED)).endsWith(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(walk(SESSION_CONNECTED, MAIN_PROCESS_EXITED, DELETE_REQUESTED))
        .endsWith(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(walk(SESSION_CONNECTED, STOP_REQUESTED, DELETE_REQUESTED)).endsWith(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(walk(SESSION_CONNECTED, STOP_REQUESTED, COMPUTE_STOPPED, DELETE_REQUESTED))
        .endsWith(SandboxPhase.SANDBOX_PHASE_DELETING);
    assertThat(walk(SESSION_CONNECTED, STOP_REQUESTED, COMPUTE_STOPPED, START_REQUESTED, DELETE_REQUESTED))
        .endsWith(SandboxPhase.SANDBOX_PHASE_DELETING);
    PhaseMachine.Transition fromUnknown =
        PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_UNKNOWN, DELETE_REQUESTED).orElseThrow();
    EXERCISED.add(fromUnknown);
    SandboxStatus ready = PhaseMachine.apply(SandboxStatus.getDefaultInstance(),
        PhaseMachine.next(SandboxPhase.SANDBOX_PHASE_PROVISIONING, SESSION_CONNECTED).orElseThrow(), Instant.EPOCH,
        null);
    SandboxStatus deleting = PhaseMachine.apply(ready, fromUnknown, Instant.EPOCH, null);
    assertThat(deleting.getConditionsList()).isEqualTo(ready.getConditionsList());
  }

  @AfterAll
  static void everyTransitionIsExercised() {
    assertThat(EXERCISED).as("rows never exercised by a scenario")
        .containsExactlyInAnyOrderElementsOf(PhaseMachine.transitions());
  }
}
