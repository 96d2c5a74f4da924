package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.grpc.common.GrpcStatus;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volume through exec (contract 1, 4.7, 4.8 and 6): large output streamed in chunks, the 1 MiB request limit, and
 * large stdin through ExecSandboxInteractive with a half-close as end of file. Runs in the suite's shared sandbox.
 */
@GatewayConformance
class ExecStreamingConformanceIT {

  private static final int MIB = 1024 * 1024;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private GatewayCalls calls;
  private Sandbox shared;

  @BeforeAll
  void setUp(ConformanceGateway gateway) {
    calls = gateway.calls();
    shared = gateway.sharedSandbox();
  }

  @Test
  void largeOutputIsStreamedInChunksWithNothingLost() throws Exception {
    long size = 64L * MIB;
    long begin = System.nanoTime();

    ExecOutcome outcome = calls.exec(request("head", "-c", Long.toString(size), "/dev/zero").build(), DEADLINE);

    figure("64 MiB of exec stdout read by the client", begin);
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdoutBytes()).isEqualTo(size);
    assertThat(outcome.stdoutSha256()).as("every byte is a zero byte").isEqualTo(zerosSha256(size));
    assertThat(outcome.stdoutEvents()).as("the output arrives in many events, not one").isGreaterThanOrEqualTo(64);
    assertThat(outcome.largestEvent()).as("no event carries more than 1 MiB").isLessThanOrEqualTo(MIB);
    assertThat(outcome.eventsAfterExit()).isZero();
  }

  @Test
  void aRequestOverOneMibIsRefused() {
    ExecOutcome outcome = calls.exec(request("cat").setStdin(ByteString.copyFrom(new byte[MIB + 1])).build(),
        DEADLINE);

    assertThat(outcome.status()).as(outcome.toString()).isIn(GrpcStatus.OUT_OF_RANGE, GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(outcome.exitCode()).as("the command never ran").isNull();
  }

  @Test
  void interactiveStdinOfFiftyMegabytesRoundTripsThroughSha256sum() throws Exception {
    byte[] data = new byte[50_000_000];
    new Random(11).nextBytes(data);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    long begin = System.nanoTime();

    ExecOutcome outcome = calls.interactive(List.of(start(request("sha256sum"))), data, DEADLINE);

    figure("50 MB of interactive stdin through sha256sum", begin);
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
    assertThat(outcome.out()).endsWith(expected + "  -\n");
  }

  @Test
  void interactiveHalfCloseIsEndOfStdin() {
    ExecOutcome outcome = calls.interactive(List.of(start(request("bash", "-c", "cat; echo; echo after-eof"))),
        "conformance-stdin".getBytes(java.nio.charset.StandardCharsets.UTF_8), DEADLINE);

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).endsWith("conformance-stdin\nafter-eof\n");
  }

  @Test
  void interactiveFirstFrameMustBeStart() {
    ExecOutcome stdinFirst = calls.interactive(List.of(ExecSandboxInput.newBuilder()
        .setStdin(ByteString.copyFromUtf8("x")).build()), new byte[0], DEADLINE);

    assertThat(stdinFirst.status()).as(stdinFirst.toString()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  private ExecSandboxRequest.Builder request(String... argv) {
    return ExecSandboxRequest.newBuilder().setSandboxId(shared.getMetadata().getId()).addAllCommand(List.of(argv));
  }

  private static ExecSandboxInput start(ExecSandboxRequest.Builder request) {
    return ExecSandboxInput.newBuilder().setStart(request).build();
  }

  /** Prints a duration in the project's greppable figures format; figures are reported, never asserted. */
  private static void figure(String what, long beginNanos) {
    long millis = (System.nanoTime() - beginNanos) / 1_000_000;
    System.out.printf("[shellbus figures] conformance: %s: %d ms%n", what, millis);
  }

  private static String zerosSha256(long size) {
    MessageDigest digest = ExecCollector.sha256();
    byte[] zeros = new byte[MIB];
    for (long done = 0; done < size; done += zeros.length) {
      digest.update(zeros, 0, (int) Math.min(zeros.length, size - done));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
