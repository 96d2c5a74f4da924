package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.testing.FakeSandbox;
import dev.shellbus.orchestrator.transfer.CollectedArtifact;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobHappyPathTest {
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void jobRunsInputsStepsAndArtifactsThenDeletesItsSandbox() {
    byte[] large = new byte[1_200_000];
    Arrays.fill(large, (byte) 'x');
    byte[] fromStore = "object input\n".getBytes(StandardCharsets.UTF_8);
    h.store.seed(new ObjectRef("inputs", "data.txt"), Buffer.buffer(fromStore));
    Requests.Job job = new Requests.Job(context("job-1", Duration.ofSeconds(30)), SandboxOptions.image("python:3"),
        List.of(new FileInput("/sandbox/run.sh", 0755, new InputSource.Inline("echo hi".getBytes(StandardCharsets.UTF_8))),
            new FileInput("/sandbox/big.bin", 0600, new InputSource.Inline(large)),
            new FileInput("/sandbox/in/data.txt", 0644,
                new InputSource.FromObject("s3://inputs/data.txt", Optional.of(DigestingReadStream.sha256Hex(fromStore))))),
        List.of(StepSpec.of("greet", "echo", "hello"), StepSpec.of("report", "write", "/sandbox/out/report.txt", "all good"),
            StepSpec.of("log", "write", "/sandbox/out/sub/log.txt", "details")),
        List.of("/sandbox/out", "/sandbox/run.sh"), false);

    Outcome outcome = h.await(h.engine.runJob(job));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.steps()).extracting(StepResult::name).containsExactly("greet", "report", "log");
    assertThat(outcome.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepResult.Status.SUCCEEDED));
    assertThat(outcome.steps().get(0).stdout().head().toString()).isEqualTo("hello\n");
    assertThat(h.gateway.commands.steps).extracting(argv -> argv.get(0)).containsExactly("echo", "write", "write");
    assertThat(outcome.inputs()).hasSize(3);
    assertThat(outcome.artifacts()).hasSize(2);
    ArtifactResult dir = outcome.artifacts().get(0);
    assertThat(dir.artifact().kind()).isEqualTo(CollectedArtifact.Kind.DIRECTORY);
    assertThat(dir.uri()).isEqualTo("s3://test-bucket/runs/job-1/1/artifacts/sandbox/out.tar");
    assertThat(dir.step()).contains("log");
    ArtifactResult file = outcome.artifacts().get(1);
    assertThat(file.uri()).isEqualTo("s3://test-bucket/runs/job-1/1/artifacts/sandbox/run.sh");
    assertThat(h.store.bytes(file.uri()).toString()).isEqualTo("echo hi");
    assertThat(file.sha256()).isEqualTo(DigestingReadStream.sha256Hex("echo hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(dir.sha256()).isEqualTo(DigestingReadStream.sha256Hex(h.store.bytes(dir.uri()).getBytes()));
    assertThat(outcome.manifest()).isPresent();
    JsonObject manifest = new JsonObject(h.store.bytes(outcome.manifest().get().uri()));
    assertThat(manifest.getString("requestId")).isEqualTo("job-1");
    assertThat(manifest.getString("image")).isEqualTo("python:3");
    assertThat(manifest.getJsonArray("artifacts")).hasSize(2);
    assertThat(manifest.getJsonArray("logs")).hasSize(1);
    String name = outcome.sandbox().orElseThrow().name();
    assertThat(h.gateway.deleted).containsExactly(name);
    assertThat(h.gateway.sandboxes()).isEmpty();
    assertThat(outcome.timings().sandboxDeletedAt()).isPresent();
  }

  @Test
  void inputsLandWithTheirModesAndContent() {
    byte[] large = new byte[1_000_000];
    Arrays.fill(large, (byte) 7);
    FakeSandbox[] seen = new FakeSandbox[1];
    h.gateway.commands.define("inspect", (call, sandbox) -> {
      seen[0] = sandbox;
      call.exit(0);
    });
    Requests.Job job = new Requests.Job(context("job-modes", Duration.ofSeconds(30)), SandboxOptions.defaults(),
        List.of(new FileInput("/sandbox/a.sh", 0755, new InputSource.Inline("x".getBytes(StandardCharsets.UTF_8))),
            new FileInput("/tmp/big", 0600, new InputSource.Inline(large))),
        List.of(StepSpec.of("inspect", "inspect")), List.of(), false);

    Outcome outcome = h.await(h.engine.runJob(job));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(seen[0].files().get("/sandbox/a.sh").mode()).isEqualTo(0755);
    assertThat(seen[0].files().get("/tmp/big").mode()).isEqualTo(0600);
    assertThat(seen[0].files().get("/tmp/big").data()).isEqualTo(large);
    assertThat(outcome.manifest()).isEmpty();
  }
}
