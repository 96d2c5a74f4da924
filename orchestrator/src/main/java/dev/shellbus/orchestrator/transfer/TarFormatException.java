package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;

/** A tar stream that cannot be read: a bad checksum, a malformed field, or an archive cut short. */
public final class TarFormatException extends ShellbusException {
  private static final long serialVersionUID = 1L;

  public TarFormatException(String message) {
    super(FailureCode.ARTIFACT_FAILED, "malformed tar stream: " + message);
  }
}
