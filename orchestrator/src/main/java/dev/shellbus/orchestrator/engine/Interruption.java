package dev.shellbus.orchestrator.engine;

/**
 * Why a running request was stopped from outside its own work: a Cancel request or its deadline.
 *
 * @param kind which of the two
 * @param reason the text for the lifecycle transition and the error message
 */
record Interruption(Kind kind, String reason) {
  enum Kind {
    CANCEL,
    DEADLINE
  }

  RequestEvent event() {
    return kind == Kind.CANCEL ? RequestEvent.CANCEL : RequestEvent.DEADLINE;
  }
}
