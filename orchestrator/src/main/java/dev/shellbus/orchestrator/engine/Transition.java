package dev.shellbus.orchestrator.engine;

/**
 * One row of the transition table: in {@code from}, on {@code event}, go to {@code to} and run
 * {@code action}.
 */
record Transition(RequestState from, RequestEvent event, RequestState to, Action action) {}
