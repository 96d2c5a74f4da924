/**
 * The request engine: {@link dev.shellbus.orchestrator.engine.RequestEngine} runs jobs and session
 * calls ({@link dev.shellbus.orchestrator.engine.Requests}) to one terminal
 * {@link dev.shellbus.orchestrator.engine.Outcome} each, through a declarative transition table
 * (package-private), reporting what happens to each request as typed
 * {@link dev.shellbus.orchestrator.engine.EngineEvent}s to the
 * {@link dev.shellbus.orchestrator.engine.EngineObserver} submitted with it. It knows nothing of Kafka or Avro:
 * the worker maps events to these types and outcomes back.
 */
package dev.shellbus.orchestrator.engine;
