package dev.shellbus.orchestrator.engine;

/**
 * What moves a request through the transition table. Most events move it to the next phase (chosen
 * by the flow); {@link #FAIL}, {@link #CANCEL} and {@link #DEADLINE} interrupt whatever runs and send
 * it to clean-up. Progress within a phase is no event here: it is reported as an {@link EngineEvent}.
 */
enum RequestEvent {
  CREATE,
  LOCATE,
  SANDBOX_CREATED,
  SANDBOX_ADOPTED,
  SANDBOX_READY,
  UPLOAD,
  RUN_STEPS,
  COLLECT,
  CLEAN_UP,
  FAIL,
  CANCEL,
  DEADLINE,
  FINISH_SUCCEEDED,
  FINISH_FAILED,
  FINISH_CANCELLED,
  FINISH_TIMED_OUT
}
