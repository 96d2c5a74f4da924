package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.ExecSandboxEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Large outputs under bubblewrap: a paused client must stall the command, not grow the gateway's buffers. Also
 * measures (prints, never asserts) the exec round trip and the stdout throughput for the issue notes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecFlowControlIT {

  private static final long MIB = 1024 * 1024;
  private ExecHarness harness;
  private ExecTarget sandbox;

  @BeforeAll
  void start() throws Exception {
    harness = ExecHarness.start(ExecOptions.defaults());
    sandbox = harness.sandbox(false, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    harness.close();
  }

  /** What a streaming read saw. */
  record Drained(long bytes, Integer exitCode, GrpcStatus status, long nanos, long deliveredWhilePaused) { }

  /** Streams {@code head -c <total>} and counts bytes, pausing the client once for {@code pauseMillis}. */
  private Drained drain(long total, long pauseAfter, long pauseMillis) throws Exception {
    long start = System.nanoTime();
    return harness.call().compose(req -> {
      req.end(request(sandbox, "head", "-c", Long.toString(total), "/dev/zero").build());
      return req.response();
    }).compose(response -> count(response, pauseAfter, pauseMillis, start)).await(300, TimeUnit.SECONDS);
  }

  private Future<Drained> count(GrpcClientResponse<?, ExecSandboxEvent> response, long pauseAfter, long pauseMillis,
      long start) {
    Promise<Drained> done = Promise.promise();
    long[] bytes = {0};
    long[] whilePaused = {-1};
    Integer[] exit = {null};
    boolean[] paused = {false};
    response.handler(event -> {
      bytes[0] += event.getStdout().getData().size();
      if (event.hasExit()) {
        exit[0] = event.getExit().getExitCode();
      }
      if (!paused[0] && pauseMillis > 0 && bytes[0] >= pauseAfter) {
        paused[0] = true;
        response.pause();
        long before = harness.exec.stats().outputBytes();
        harness.vertx.setTimer(pauseMillis, id -> {
          whilePaused[0] = harness.exec.stats().outputBytes() - before;
          response.resume();
        });
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> done.tryComplete(new Drained(bytes[0], exit[0], response.status(),
        System.nanoTime() - start, whilePaused[0])));
    return done.future();
  }

  @Test
  void pausedClientStallsTheCommandWithBoundedBytesInFlight() throws Exception {
    harness.exec.stats().resetMax();
    long total = 200_000_000L;
    Drained drained = drain(total, 10 * MIB, 2000);
    long maxInFlight = harness.exec.stats().maxBytesInFlight();
    System.out.printf("[exec-flow] 200 MB with a 2 s client pause: max bytes in flight %.2f MiB,"
        + " delivered while paused %.2f MiB%n", maxInFlight / (double) MIB,
        drained.deliveredWhilePaused() / (double) MIB);
    assertThat(drained.status()).isEqualTo(GrpcStatus.OK);
    assertThat(drained.exitCode()).isZero();
    assertThat(drained.bytes()).isEqualTo(total);
    assertThat(maxInFlight).isLessThan(8 * MIB);
    assertThat(drained.deliveredWhilePaused()).isLessThan(16 * MIB);
    assertThat(harness.exec.stats().bytesInFlight()).isZero();
  }

  @Test
  void measureStdoutThroughputOfOneGigabyte() throws Exception {
    long total = 1_000_000_000L;
    Drained drained = drain(total, 0, 0);
    double seconds = drained.nanos() / 1e9;
    System.out.printf("[exec-measure] 1 GB stdout (head -c 1000000000 /dev/zero) under bubblewrap: %.2f s, %.0f MB/s%n",
        seconds, total / 1e6 / seconds);
    assertThat(drained.bytes()).isEqualTo(total);
  }

  @Test
  void measureRoundTripOfTrue() throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      long start = System.nanoTime();
      ExecResult result = harness.run(request(sandbox, "true").build());
      if (i >= 5) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
      assertThat(result.exitCode()).isZero();
    }
    Collections.sort(millis);
    System.out.printf("[exec-measure] exec round trip of 'true' under bubblewrap: median %.1f ms (min %.1f, max %.1f,"
        + " 20 runs after 5 warm-up)%n", (millis.get(9) + millis.get(10)) / 2, millis.get(0), millis.get(19));
  }
}
