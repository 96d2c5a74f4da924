package dev.shellbus.cli;

/**
 * A YAML value that does not fit the Avro schema; the message starts with the path of the value, e.g. {@code
 * body.RunJob.steps[1].argv: required}.
 */
public final class ConversionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates the exception for the value at {@code path} (empty for the root). */
  public ConversionException(String path, String problem) {
    super((path.isEmpty() ? "(root)" : path) + ": " + problem);
    this.path = path;
  }

  /** Returns the path of the offending value, e.g. {@code body.RunJob.steps[1].argv}; empty for the root. */
  public String path() {
    return path;
  }
}
