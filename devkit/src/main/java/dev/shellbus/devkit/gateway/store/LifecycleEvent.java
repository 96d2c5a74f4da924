package dev.shellbus.devkit.gateway.store;

/** What happens to a sandbox: the inputs of the {@link PhaseMachine}. */
public enum LifecycleEvent {
  /** The (simulated) supervisor opened its session: the sandbox can serve execs. */
  SESSION_CONNECTED,
  /** The supervisor session dropped; it reconnects after a while. */
  SESSION_DROPPED,
  /** The sandbox's main process exited, with any code; the sandbox is broken for good. */
  MAIN_PROCESS_EXITED,
  /** StopSandbox was called. */
  STOP_REQUESTED,
  /** The compute behind a stopping sandbox has stopped. */
  COMPUTE_STOPPED,
  /** StartSandbox was called. */
  START_REQUESTED,
  /** DeleteSandbox was called. */
  DELETE_REQUESTED
}
