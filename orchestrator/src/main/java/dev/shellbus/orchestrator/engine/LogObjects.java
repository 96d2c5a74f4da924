package dev.shellbus.orchestrator.engine;

/** When a step's output stream is also stored as a log object, beside the inline head and tail in the result. */
public enum LogObjects {
  /** Every non-empty stream is stored (the default). */
  ALWAYS,
  /**
   * Only a stream longer than the inline head plus tail is stored; a shorter one is whole in the result already, so it
   * costs no object store write (and a request that stores nothing writes no manifest either).
   */
  WHEN_TRUNCATED
}
