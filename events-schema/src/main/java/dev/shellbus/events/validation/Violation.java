package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.LogSafe;

/**
 * One broken rule in a request.
 *
 * <p>Fields and messages quote the request (an env or label key, a path), so both are made {@link LogSafe}: a field
 * is clipped to {@link LogSafe#MAX_ID} characters, a message to {@link LogSafe#MAX_TEXT}, control characters
 * escaped. A REJECTED result and the worker's log line then stay short whatever the request holds.
 *
 * @param field where, as a path of Avro field names, e.g. {@code body.steps[1].env[FOO]} or {@code deadline}
 * @param code the error code a REJECTED result carries for it
 * @param message what is wrong, in words; never contains env values, stdin or file content
 */
public record Violation(String field, ErrorCode code, String message) {

  /** Clips and escapes the field and the message. */
  public Violation {
    field = LogSafe.id(field);
    message = LogSafe.text(message);
  }

  @Override
  public String toString() {
    return field + ": " + code + ": " + message;
  }
}
