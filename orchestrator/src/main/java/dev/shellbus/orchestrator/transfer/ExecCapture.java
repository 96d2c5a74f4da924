package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The result of a helper exec (mkdir, a small upload, tar -x, a kill): its exit code and the first
 * bytes of its output, for error messages. Output beyond the bound is counted and dropped.
 *
 * @param exitCode the command's exit code
 * @param stdout the first bytes of standard output
 * @param stderr the first bytes of standard error
 */
public record ExecCapture(int exitCode, String stdout, String stderr) {
  /** How many bytes of each stream a capture keeps. */
  public static final int LIMIT = 4096;

  /** Reads every event of {@code call} and completes with its exit code and output heads. */
  public static Future<ExecCapture> of(ExecCall call) {
    Buffer out = Buffer.buffer();
    Buffer err = Buffer.buffer();
    ExitWatch exit = new ExitWatch(call);
    call.events().handler(event -> {
      exit.seen(event);
      if (event instanceof ExecEvent.Stdout stdout) {
        append(out, stdout.data());
      } else if (event instanceof ExecEvent.Stderr stderr) {
        append(err, stderr.data());
      }
    });
    return exit.future().map(code -> new ExecCapture(code, text(out), text(err)));
  }

  /** The gateway's answer when an exec's {@code timeout_seconds} ran out. */
  public static final int TIMEOUT_EXIT = 124;

  /**
   * The failure for a helper exec that did not exit 0: its timeout was derived from the request
   * deadline, so exit 124 means the deadline; anything else is {@code code}.
   */
  public ShellbusException failure(FailureCode code, String what) {
    if (exitCode == TIMEOUT_EXIT) {
      return new ShellbusException(FailureCode.DEADLINE_EXCEEDED, what + " ran out of time (exit 124)");
    }
    return new ShellbusException(code, what + " failed (" + describe() + ")");
  }

  /** A short description for failure messages: exit code and the first line(s) of stderr. */
  public String describe() {
    String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
    if (detail.length() > 512) {
      detail = detail.substring(0, 512) + "...";
    }
    return "exit " + exitCode + (detail.isEmpty() ? "" : ": " + detail);
  }

  private static void append(Buffer into, Buffer data) {
    int room = LIMIT - into.length();
    if (room > 0) {
      into.appendBuffer(data.length() <= room ? data : data.slice(0, room));
    }
  }

  private static String text(Buffer buffer) {
    return new String(buffer.getBytes(), StandardCharsets.UTF_8);
  }
}
