package dev.shellbus.devkit.conformance;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads one exec response stream to its end into an {@link ExecOutcome}. Runs on the client's event loop; the outcome
 * is handed over through a future, so the test thread reads it safely.
 */
final class ExecCollector {

  /** How many bytes of each output stream are kept for assertions; the rest is only counted and hashed. */
  static final int KEEP_BYTES = 1024 * 1024;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final MessageDigest stdoutDigest = sha256();
  private final Promise<ExecOutcome> done = Promise.promise();
  private long stdoutBytes;
  private long stderrBytes;
  private int stdoutEvents;
  private int largestEvent;
  private Integer exitCode;
  private int exitEvents;
  private int eventsAfterExit;

  private ExecCollector() {}

  /**
   * Collects {@code response}; call it in the callback that receives the response, on the call's context, so the
   * handler is in place before the first event is delivered.
   */
  static Future<ExecOutcome> collect(GrpcClientResponse<?, ExecSandboxEvent> response) {
    ExecCollector collector = new ExecCollector();
    response.handler(collector::event);
    response.errorHandler(error -> {
      if (response.status() == null) {
        collector.end(null, null, GatewayCalls.reset(error));
      }
    });
    response.end().onComplete(ended -> collector.end(response.status(), GatewayCalls.statusMessage(response),
        ended.failed() ? ended.cause() : null));
    return collector.done.future();
  }

  private void event(ExecSandboxEvent event) {
    if (exitEvents > 0) {
      eventsAfterExit++;
    }
    switch (event.getPayloadCase()) {
      case STDOUT -> {
        ByteString data = event.getStdout().getData();
        stdoutEvents++;
        stdoutBytes += data.size();
        stdoutDigest.update(data.asReadOnlyByteBuffer());
        keep(stdout, data);
        largestEvent = Math.max(largestEvent, data.size());
      }
      case STDERR -> {
        ByteString data = event.getStderr().getData();
        stderrBytes += data.size();
        keep(stderr, data);
        largestEvent = Math.max(largestEvent, data.size());
      }
      case EXIT -> {
        if (exitEvents++ == 0) {
          exitCode = event.getExit().getExitCode();
        }
      }
      default -> { }
    }
  }

  private void end(GrpcStatus status, String message, Throwable error) {
    done.tryComplete(new ExecOutcome(stdout.toByteArray(), stdoutBytes, stdoutEvents,
        HexFormat.of().formatHex(stdoutDigest.digest()), stderr.toByteArray(), stderrBytes, largestEvent, exitCode,
        exitEvents, eventsAfterExit, status, message, error));
  }

  private static void keep(ByteArrayOutputStream sink, ByteString data) {
    int room = KEEP_BYTES - sink.size();
    if (room > 0) {
      sink.writeBytes(data.substring(0, Math.min(room, data.size())).toByteArray());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("every JVM has SHA-256", missing);
    }
  }
}
