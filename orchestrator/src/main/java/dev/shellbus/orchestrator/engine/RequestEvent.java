package dev.shellbus.orchestrator.engine;

/**
 * What happens to a request. Some events move it to the next phase (chosen by the flow), some
 * only report progress within a phase (they loop back to the same state), and {@link #FAIL},
 * {@link #CANCEL} and {@link #DEADLINE} interrupt whatever runs and send it to clean-up.
 */
enum RequestEvent {
  CREATE,
  LOCATE,
  SANDBOX_CREATED,
  SANDBOX_ADOPTED,
  SANDBOX_READY,
  SANDBOX_NOT_READY,
  UPLOAD,
  INPUT_WRITTEN,
  RUN_STEPS,
  STEP_STARTED,
  STEP_FINISHED,
  COLLECT,
  ARTIFACT_STORED,
  CLEAN_UP,
  SANDBOX_DELETED,
  SANDBOX_KEPT,
  SANDBOX_DELETE_FAILED,
  FAIL,
  CANCEL,
  DEADLINE,
  FINISH_SUCCEEDED,
  FINISH_FAILED,
  FINISH_CANCELLED,
  FINISH_TIMED_OUT
}
