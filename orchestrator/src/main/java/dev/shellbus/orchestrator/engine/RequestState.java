package dev.shellbus.orchestrator.engine;

/** The states of one request in the engine. The last four are terminal. */
public enum RequestState {
  ACCEPTED,
  LOCATING,
  CREATING,
  WAITING_READY,
  UPLOADING,
  RUNNING_STEP,
  COLLECTING,
  CLEANING_UP,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  /** Whether the request is over. */
  public boolean terminal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
