package dev.shellbus.orchestrator.engine;

/** What the engine does on taking a transition: the work of the state it enters. */
enum Action {
  LOCATE_SESSION,
  CREATE_SANDBOX,
  AWAIT_READY,
  UPLOAD_INPUTS,
  RUN_STEPS,
  COLLECT,
  CLEAN_UP,
  /** The request is over: produce the outcome. */
  COMPLETE
}
