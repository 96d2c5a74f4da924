package dev.shellbus.orchestrator.gateway;

/** The gateway-owned phase of a sandbox (contract section 4.3), in our own type. */
public enum SandboxPhase {
  UNSPECIFIED,
  PROVISIONING,
  READY,
  ERROR,
  DELETING,
  UNKNOWN,
  STOPPING,
  STOPPED,
  STARTING;

  /** ERROR and DELETING never lead to READY again: a waiter must stop on them. */
  public boolean terminal() {
    return this == ERROR || this == DELETING;
  }
}
