package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;

/**
 * One broken rule in a request.
 *
 * @param field where, as a path of Avro field names, e.g. {@code body.steps[1].env[FOO]} or {@code deadline}
 * @param code the error code a REJECTED result carries for it
 * @param message what is wrong, in words; never contains env values, stdin or file content
 */
public record Violation(String field, ErrorCode code, String message) {

  @Override
  public String toString() {
    return field + ": " + code + ": " + message;
  }
}
