package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ExecSandboxInteractive under bubblewrap: start frame, streamed stdin with backpressure, half-close as EOF. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecInteractiveIT {

  private static final int FRAME = 256 * 1024;
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

  /** Sends {@code frames}, then {@code stdin} in 256 KiB frames with client-side flow control, then half-closes. */
  private Future<ExecResult> interact(List<ExecSandboxInput> frames, byte[] stdin, boolean halfClose) {
    return harness.interactive().compose(req -> {
      frames.forEach(req::write);
      Future<ExecResult> result = req.response().compose(ExecHarness::collect);
      send(req, stdin, 0, halfClose);
      return result;
    });
  }

  private static void send(GrpcClientRequest<ExecSandboxInput, ExecSandboxEvent> req, byte[] data, int offset,
      boolean halfClose) {
    int next = offset;
    while (next < data.length && !req.writeQueueFull()) {
      int size = Math.min(FRAME, data.length - next);
      req.write(ExecSandboxInput.newBuilder().setStdin(ByteString.copyFrom(data, next, size)).build());
      next += size;
    }
    if (next < data.length) {
      int from = next;
      req.drainHandler(v -> send(req, data, from, halfClose));
    } else if (halfClose) {
      req.end();
    }
  }

  private static ExecSandboxInput start(ExecSandboxRequest.Builder request) {
    return ExecSandboxInput.newBuilder().setStart(request).build();
  }

  @Test
  void fiftyMegabyteTarRoundTrip() throws Exception {
    Path source = Files.createTempDirectory("exec-tar");
    Random random = new Random(3);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] content = new byte[10_000_000];
      random.nextBytes(content);
      Files.write(source.resolve("f" + i), content);
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      expected.add(hash + "  f" + i);
    }
    Process tar = new ProcessBuilder("tar", "-c", "-f", "-", "-C", source.toString(), ".").start();
    byte[] archive = tar.getInputStream().readAllBytes();
    assertThat(tar.waitFor()).isZero();
    for (int i = 0; i < 5; i++) {
      Files.delete(source.resolve("f" + i));
    }
    Files.delete(source);
    harness.exec.stats().resetMax();
    ExecResult result = interact(List.of(start(request(sandbox, "bash", "-c",
        "mkdir -p /sandbox/x && tar -x -f - -C /sandbox/x && cd /sandbox/x && sha256sum f*"))), archive, true)
        .await(180, TimeUnit.SECONDS);
    System.out.printf("[exec-interactive] %d MB tar upload: max stdin backlog %.2f MiB%n", archive.length / 1_000_000,
        harness.exec.stats().maxStdinBacklog() / (1024.0 * 1024));
    assertThat(result.status()).isEqualTo(GrpcStatus.OK);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactlyElementsOf(expected);
    assertThat(harness.exec.stats().maxStdinBacklog()).isLessThanOrEqualTo(StdinPump.HIGH_WATER + FRAME);
  }

  @Test
  void aCommandThatDoesNotReadHoldsTheUploaderBack() throws Exception {
    harness.exec.stats().resetMax();
    ExecResult result = interact(List.of(start(request(sandbox, "bash", "-c", "sleep 2; wc -c"))),
        new byte[20_000_000], true).await(120, TimeUnit.SECONDS);
    assertThat(result.out().trim()).isEqualTo("20000000");
    assertThat(harness.exec.stats().maxStdinBacklog()).isLessThanOrEqualTo(StdinPump.HIGH_WATER + FRAME);
  }

  @Test
  void halfCloseIsEndOfStdin() throws Exception {
    ExecResult result = interact(List.of(start(request(sandbox, "cat"))), "abc".getBytes(), true)
        .await(30, TimeUnit.SECONDS);
    assertThat(result.out()).isEqualTo("abc");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void firstFrameMustBeStart() throws Exception {
    ExecResult result = interact(List.of(ExecSandboxInput.newBuilder().setStdin(ByteString.copyFromUtf8("x")).build()),
        new byte[0], true).await(30, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    ExecResult empty = interact(List.of(), new byte[0], true).await(30, TimeUnit.SECONDS);
    assertThat(empty.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void startIsValidatedLikeExecSandbox() throws Exception {
    ExecResult missing = interact(List.of(start(ExecSandboxRequest.newBuilder().setSandboxId("nope")
        .addCommand("true"))), new byte[0], true).await(30, TimeUnit.SECONDS);
    assertThat(missing.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    ExecResult notReady = interact(List.of(start(request(harness.provisioning(), "true"))), new byte[0], true)
        .await(30, TimeUnit.SECONDS);
    assertThat(notReady.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  void timeoutAnswers124AndKillsAProcessWaitingForStdin() throws Exception {
    String marker = Processes.marker();
    ExecResult result = interact(List.of(start(request(sandbox, "bash", "-c", "cat; : " + marker)
        .setTimeoutSeconds(1))), new byte[0], false).await(30, TimeUnit.SECONDS);
    assertThat(result.exitCode()).isEqualTo(124);
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }

  @Test
  void clientCancelKillsTheProcess() throws Exception {
    String marker = Processes.marker();
    Promise<GrpcClientRequest<ExecSandboxInput, ExecSandboxEvent>> call = Promise.promise();
    harness.interactive().onSuccess(req -> {
      req.write(start(request(sandbox, "sleep", marker)));
      call.complete(req);
    });
    GrpcClientRequest<ExecSandboxInput, ExecSandboxEvent> req = call.future().await(10, TimeUnit.SECONDS);
    assertThat(Processes.within(10_000, () -> !Processes.withMarker(marker).isEmpty())).isTrue();
    req.cancel();
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }
}
