/**
 * Secret redaction of output bytes: {@link dev.shellbus.orchestrator.redact.Secrets} is the one definition of which
 * values of a request are secret and how they are masked; {@link dev.shellbus.orchestrator.redact.StreamRedactor}
 * applies it to a stream that arrives in chunks of any split, with the same result as masking the whole at once.
 */
package dev.shellbus.orchestrator.redact;
