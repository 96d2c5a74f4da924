/**
 * The request engine: {@link dev.shellbus.orchestrator.engine.RequestEngine} runs jobs and session
 * calls ({@link dev.shellbus.orchestrator.engine.Requests}) to one terminal
 * {@link dev.shellbus.orchestrator.engine.Outcome} each, through the declarative
 * {@link dev.shellbus.orchestrator.engine.TransitionTable}, publishing every transition to a
 * {@link dev.shellbus.orchestrator.engine.LifecycleListener}. It knows nothing of Kafka or Avro:
 * the worker maps events to these types and outcomes back.
 */
package dev.shellbus.orchestrator.engine;
