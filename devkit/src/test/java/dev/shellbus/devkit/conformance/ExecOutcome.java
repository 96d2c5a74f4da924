package dev.shellbus.devkit.conformance;

import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;

/**
 * Everything one exec call answered: output (the first {@link ExecCollector#KEEP_BYTES} of each stream kept, all of it
 * counted and hashed), the exit events, and how the stream ended.
 *
 * @param stdout the first bytes of stdout
 * @param stdoutBytes how many stdout bytes arrived
 * @param stdoutEvents how many stdout events arrived
 * @param stdoutSha256 the SHA-256 of all stdout bytes, lower-case hex
 * @param stderr the first bytes of stderr
 * @param stderrBytes how many stderr bytes arrived
 * @param largestEvent the largest data payload of one stdout or stderr event
 * @param exitCode the code of the first exit event, or {@code null} when none came
 * @param exitEvents how many exit events came
 * @param eventsAfterExit how many events of any kind came after the first exit event
 * @param status the final gRPC status, or {@code null} when the stream failed without one
 * @param statusMessage the status message, from the headers of a trailers-only answer or from the trailers
 * @param error the transport failure when there is no status
 */
record ExecOutcome(byte[] stdout, long stdoutBytes, int stdoutEvents, String stdoutSha256, byte[] stderr,
    long stderrBytes, int largestEvent, Integer exitCode, int exitEvents, int eventsAfterExit, GrpcStatus status,
    String statusMessage, Throwable error) {

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  String err() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String ending = (status == null ? "none" : status.name()) + (statusMessage == null ? "" : " '" + statusMessage
        + "'");
    return "ExecOutcome{status=" + ending + ", exit=" + exitCode + " (" + exitEvents + " exit events, "
        + eventsAfterExit + " after it), stdout=" + stdoutBytes + " bytes in " + stdoutEvents + " events '"
        + abbreviate(out()) + "', stderr=" + stderrBytes + " bytes '" + abbreviate(err()) + "'"
        + (error == null ? "" : ", error=" + error) + "}";
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
