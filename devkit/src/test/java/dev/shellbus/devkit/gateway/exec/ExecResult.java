package dev.shellbus.devkit.gateway.exec;

import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;

/** Everything one exec call answered, collected by {@link ExecHarness}. */
record ExecResult(byte[] stdout, byte[] stderr, Integer exitCode, int eventsAfterExit, GrpcStatus status,
    String message) {

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  String err() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ExecResult{exit=" + exitCode + ", status=" + status + ", message=" + message + ", stdout="
        + abbreviate(out()) + ", stderr=" + abbreviate(err()) + "}";
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
