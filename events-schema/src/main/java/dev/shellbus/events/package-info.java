/**
 * The shellbus event contract: which records travel on which topics, the error codes results carry and the
 * telemetry attribute keys every module uses.
 *
 * <p>The records themselves are generated from {@code src/main/avro} into {@code dev.shellbus.events.v1}; the rules a
 * schema cannot express are written down in {@code events-schema/BEHAVIOR.md}.
 */
package dev.shellbus.events;
