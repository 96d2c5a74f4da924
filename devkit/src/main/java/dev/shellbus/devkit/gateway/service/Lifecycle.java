package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.store.LifecycleEvent;
import dev.shellbus.devkit.gateway.store.PhaseMachine;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Drives sandboxes through the {@link PhaseMachine}: the simulated supervisor session (READY after the ready delay),
 * Stop and Start, deletion, and the lifecycle faults (stuck provisioning, flapping, a main process that exits).
 *
 * <p>Confined to the gateway's event-loop context; timers set here fire there too. Every timer carries the record's
 * generation and does nothing when the generation moved on or the record was removed.
 */
public final class Lifecycle {

  /** The timing of the simulated compute. */
  public record Timing(Duration ready, Duration stop, Duration delete) {}

  private final Vertx vertx;
  private final SandboxStore store;
  private final GatewayJournal journal;
  private final FaultState faults;
  private final Workspaces workspaces;
  private final Timing timing;
  private final Consumer<String> computeGone;

  /**
   * Creates the lifecycle driver.
   *
   * @param computeGone called with a sandbox id when its compute stops or is deleted, to kill its running execs
   */
  public Lifecycle(Vertx vertx, SandboxStore store, GatewayJournal journal, FaultState faults, Workspaces workspaces,
      Timing timing, Consumer<String> computeGone) {
    this.vertx = vertx;
    this.store = store;
    this.journal = journal;
    this.faults = faults;
    this.workspaces = workspaces;
    this.timing = timing;
    this.computeGone = computeGone;
  }

  /** Starts the way of a freshly created sandbox to READY. */
  public void provisioned(SandboxRecord record) {
    scheduleReady(record);
  }

  /** Arms flap and main-exit faults on READY sandboxes after the fault options changed. */
  public void faultsChanged() {
    for (SandboxRecord record : store.records()) {
      if (record.phase() == SandboxPhase.SANDBOX_PHASE_READY) {
        armFaults(record);
      }
    }
  }

  /** Stops a sandbox; the future completes when compute has stopped (contract section 4.6). */
  public Future<Sandbox> stop(SandboxRecord record) {
    SandboxPhase phase = record.phase();
    if (phase == SandboxPhase.SANDBOX_PHASE_STOPPED) {
      return Future.succeededFuture(record.sandbox());
    }
    if (record.stopping() != null) {
      return record.stopping().future();
    }
    if (PhaseMachine.next(phase, LifecycleEvent.STOP_REQUESTED).isEmpty()) {
      return Future.failedFuture(GatewayException.precondition(
          "sandbox must be Ready to stop (current phase: " + PhaseMachine.displayName(phase) + ")"));
    }
    long generation = record.nextGeneration();
    fire(record, LifecycleEvent.STOP_REQUESTED, null, b -> { });
    journal.info(record, "stopping sandbox");
    journal.normal(record, "Stopping", "Stopping sandbox compute");
    computeGone.accept(record.id());
    Promise<Sandbox> done = Promise.promise();
    record.stopping(done);
    after(timing.stop(), () -> {
      if (stale(record, generation)) {
        return;
      }
      record.stopping(null);
      Sandbox stopped = fire(record, LifecycleEvent.COMPUTE_STOPPED, null, b -> { }).orElse(record.sandbox());
      journal.info(record, "sandbox stopped");
      journal.normal(record, "Stopped", "Sandbox compute stopped");
      done.complete(stopped);
    });
    return done.future();
  }

  /** Starts a stopped sandbox; returns while it is STARTING (contract section 4.6). */
  public Sandbox start(SandboxRecord record) {
    SandboxPhase phase = record.phase();
    if (phase == SandboxPhase.SANDBOX_PHASE_READY || phase == SandboxPhase.SANDBOX_PHASE_STARTING) {
      return record.sandbox();
    }
    if (PhaseMachine.next(phase, LifecycleEvent.START_REQUESTED).isEmpty()) {
      throw GatewayException.precondition(
          "sandbox must be Stopped to start (current phase: " + PhaseMachine.displayName(phase) + ")");
    }
    record.nextGeneration();
    Sandbox starting = fire(record, LifecycleEvent.START_REQUESTED, null, b -> { }).orElseThrow();
    journal.info(record, "starting sandbox");
    journal.normal(record, "Starting", "Starting sandbox compute");
    scheduleReady(record);
    return starting;
  }

  /** Marks a sandbox DELETING and removes it after the delete delay; a second call is a no-op. */
  public void delete(SandboxRecord record) {
    if (record.phase() == SandboxPhase.SANDBOX_PHASE_DELETING) {
      return;
    }
    record.nextGeneration();
    if (record.stopping() != null) {
      record.stopping().tryFail(new GatewayException(GrpcStatus.ABORTED, "sandbox was deleted while it was stopping"));
      record.stopping(null);
    }
    long now = System.currentTimeMillis();
    fire(record, LifecycleEvent.DELETE_REQUESTED, null, b -> b.getMetadataBuilder().setDeletionTimestampMs(now));
    journal.info(record, "deleting sandbox");
    journal.normal(record, "Killing", "Deleting sandbox compute");
    after(timing.delete(), () -> remove(record));
  }

  private void remove(SandboxRecord record) {
    computeGone.accept(record.id());
    workspaces.delete(record.directory()).onComplete(result -> {
      if (result.failed()) {
        journal.warn(record, "could not delete the sandbox directory: " + result.cause().getMessage());
      }
      journal.info(record, "sandbox deleted");
      store.remove(record);
    });
  }

  private void scheduleReady(SandboxRecord record) {
    long generation = record.generation();
    after(timing.ready(), () -> connect(record, generation, true));
  }

  private void connect(SandboxRecord record, long generation, boolean firstAttempt) {
    if (stale(record, generation)) {
      return;
    }
    if (faults.current().stuckProvisioning(record.name())) {
      if (firstAttempt) {
        journal.warn(record, "fault injection: the supervisor does not connect; the sandbox stays provisioning");
      }
      Duration retry = timing.ready().compareTo(Duration.ofMillis(50)) > 0 ? timing.ready() : Duration.ofMillis(50);
      after(retry, () -> connect(record, generation, false));
      return;
    }
    fire(record, LifecycleEvent.SESSION_CONNECTED, null, b -> { }).ifPresent(ready -> {
      journal.info(record, "supervisor session connected; sandbox is ready");
      journal.normal(record, "Ready", PhaseMachine.CONNECTED);
      armFaults(record);
    });
  }

  private void armFaults(SandboxRecord record) {
    long generation = record.generation();
    if (faults.current().flapping(record.name()) && !record.flapPending()) {
      record.flapPending(true);
      after(faults.current().flapEvery(), () -> flap(record, generation));
    }
    if (faults.current().mainProcessExits(record.name()) && !record.mainExitScheduled()) {
      record.markMainExitScheduled();
      after(faults.current().mainProcessExitAfter(), () -> mainProcessExit(record));
    }
  }

  private void flap(SandboxRecord record, long generation) {
    if (stale(record, generation)) {
      return;
    }
    record.flapPending(false);
    if (record.phase() != SandboxPhase.SANDBOX_PHASE_READY || !faults.current().flapping(record.name())) {
      return;
    }
    fire(record, LifecycleEvent.SESSION_DROPPED, null, b -> { });
    journal.warn(record, "fault injection: supervisor session dropped; waiting for it to reconnect");
    journal.warning(record, "DependenciesNotReady", "Supervisor session disconnected");
    after(faults.current().flapDownFor(), () -> connect(record, generation, false));
  }

  private void mainProcessExit(SandboxRecord record) {
    if (store.find(record.id()).orElse(null) != record) {
      return;
    }
    int code = faults.current().mainProcessExitCode();
    String message = "Main process exited with code " + code;
    if (PhaseMachine.next(record.phase(), LifecycleEvent.MAIN_PROCESS_EXITED).isEmpty()) {
      return;
    }
    record.nextGeneration();
    fire(record, LifecycleEvent.MAIN_PROCESS_EXITED, message, b -> b.getStatusBuilder().setExitCode(code));
    journal.error(record, "fault injection: " + message.toLowerCase(java.util.Locale.ROOT) + "; the sandbox is broken");
    journal.warning(record, "MainProcessExited", message);
  }

  private Optional<Sandbox> fire(SandboxRecord record, LifecycleEvent event, String message,
      Consumer<Sandbox.Builder> extra) {
    return PhaseMachine.next(record.phase(), event).map(row -> store.update(record, builder -> {
      builder.setStatus(PhaseMachine.apply(builder.getStatus(), row, Instant.now(), message));
      extra.accept(builder);
    }));
  }

  private boolean stale(SandboxRecord record, long generation) {
    return record.generation() != generation || store.find(record.id()).orElse(null) != record;
  }

  private void after(Duration delay, Runnable action) {
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
  }
}
