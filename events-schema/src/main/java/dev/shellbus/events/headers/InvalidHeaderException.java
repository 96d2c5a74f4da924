package dev.shellbus.events.headers;

/** A Kafka header that is present but malformed, naming the header so the record can be dead-lettered with a reason. */
public class InvalidHeaderException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String header;

  /** Creates the exception for {@code header}. */
  public InvalidHeaderException(String header, String message) {
    super(header + ": " + message);
    this.header = header;
  }

  /** Returns the name of the offending header. */
  public String header() {
    return header;
  }
}
