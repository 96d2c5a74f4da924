package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated isolation mode: scripted output, rate, duration, timeouts, flow control and injected faults. */
class ExecSimulatedIT {

  private static ExecOptions.Builder simulated() {
    return ExecOptions.builder().isolation(Isolation.SIMULATED);
  }

  @Test
  void answersTheScriptedOutputInChunksAndExitCode() throws Exception {
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedStdoutBytes(100_000).simulatedChunkBytes(10_000)
        .simulatedExitCode(7).build())) {
      ExecTarget sandbox = harness.sandbox(false, Map.of());
      ExecResult result = harness.run(request(sandbox, "anything").build());
      assertThat(result.status()).isEqualTo(GrpcStatus.OK);
      assertThat(result.stdout()).hasSize(100_000);
      assertThat(result.out()).startsWith("shellbus simulated exec output\n");
      assertThat(result.exitCode()).isEqualTo(7);
      assertThat(harness.run(request(harness.provisioning(), "x").build()).status())
          .isEqualTo(GrpcStatus.FAILED_PRECONDITION);
      assertThat(sandbox.workspace().toFile().list()).isEmpty();
    }
  }

  @Test
  void honoursTheRateAndTheDuration() throws Exception {
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedStdoutBytes(200_000).simulatedChunkBytes(20_000)
        .simulatedBytesPerSecond(500_000).build())) {
      ExecTarget sandbox = harness.sandbox(false, Map.of());
      long start = System.nanoTime();
      assertThat(harness.run(request(sandbox, "x").build()).stdout()).hasSize(200_000);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
    }
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedDuration(Duration.ofMillis(600)).build())) {
      long start = System.nanoTime();
      assertThat(harness.run(request(harness.sandbox(false, Map.of()), "x").build()).exitCode()).isZero();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(600);
    }
  }

  @Test
  void timeoutAnswers124() throws Exception {
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedDuration(Duration.ofSeconds(30)).build())) {
      ExecResult result = harness.run(request(harness.sandbox(false, Map.of()), "x").setTimeoutSeconds(1).build());
      assertThat(result.exitCode()).isEqualTo(124);
      assertThat(result.status()).isEqualTo(GrpcStatus.OK);
      assertThat(harness.exec.stats().running()).isZero();
    }
  }

  @Test
  void aPausedClientBoundsTheBytesInFlight() throws Exception {
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedStdoutBytes(100_000_000L).build())) {
      ExecTarget sandbox = harness.sandbox(false, Map.of());
      long received = harness.call().compose(req -> {
        req.end(request(sandbox, "x").build());
        return req.response();
      }).compose(response -> readPausing(harness, response)).await(120, TimeUnit.SECONDS);
      assertThat(received).isEqualTo(100_000_000L);
      assertThat(harness.exec.stats().maxBytesInFlight()).isLessThan(8L * 1024 * 1024);
    }
  }

  private static Future<Long> readPausing(ExecHarness harness, GrpcClientResponse<?, ExecSandboxEvent> response) {
    Promise<Long> done = Promise.promise();
    long[] bytes = {0};
    boolean[] paused = {false};
    response.handler(event -> {
      bytes[0] += event.getStdout().getData().size();
      if (!paused[0] && bytes[0] > 5_000_000) {
        paused[0] = true;
        response.pause();
        harness.vertx.setTimer(1000, id -> response.resume());
      }
    });
    response.endHandler(v -> done.complete(bytes[0]));
    response.exceptionHandler(done::tryFail);
    return done.future();
  }

  @Test
  void interactiveExitsOnlyAfterTheClientHalfCloses() throws Exception {
    try (ExecHarness harness = ExecHarness.start(simulated().simulatedStdoutBytes(10).build())) {
      ExecTarget sandbox = harness.sandbox(false, Map.of());
      ExecResult result = harness.interactive().compose(req -> {
        req.write(ExecSandboxInput.newBuilder().setStart(request(sandbox, "tar", "-x")).build());
        Future<ExecResult> collected = req.response().compose(ExecHarness::collect);
        harness.vertx.setTimer(300, id -> req.end(ExecSandboxInput.newBuilder()
            .setStdin(com.google.protobuf.ByteString.copyFromUtf8("ignored")).build()));
        return collected;
      }).await(30, TimeUnit.SECONDS);
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).hasSize(10);
    }
  }

  @Test
  void streamsBreakBeforeTheExitAtTheConfiguredRateDeterministically() throws Exception {
    List<GrpcStatus> first = statuses(0.5, 11);
    assertThat(first).contains(GrpcStatus.OK, GrpcStatus.UNAVAILABLE);
    assertThat(statuses(0.5, 11)).as("same seed, same faults").isEqualTo(first);
    assertThat(statuses(1.0, 11)).containsOnly(GrpcStatus.UNAVAILABLE);
  }

  private static List<GrpcStatus> statuses(double rate, long seed) throws Exception {
    List<GrpcStatus> statuses = new ArrayList<>();
    try (ExecHarness harness = ExecHarness.start(simulated().breakRate(rate).seed(seed).build())) {
      ExecSandboxRequest request = request(harness.sandbox(false, Map.of()), "x").build();
      for (int i = 0; i < 12; i++) {
        ExecResult result = harness.run(request);
        if (result.status() == GrpcStatus.UNAVAILABLE) {
          assertThat(result.message()).as(result.toString()).isEqualTo(EventSink.RELAY_CLOSED);
          assertThat(result.exitCode()).as(result.toString()).isNull();
          assertThat(result.stdout()).as(result.toString()).hasSize(1024);
        }
        statuses.add(result.status());
      }
    }
    return statuses;
  }
}
