package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import dev.shellbus.orchestrator.redact.Secrets;
import dev.shellbus.orchestrator.retry.Retrier;
import dev.shellbus.orchestrator.retry.RetryListener;
import dev.shellbus.orchestrator.retry.RetryPolicy;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.StoredObject;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.orchestrator.store.s3.S3Settings;
import dev.shellbus.orchestrator.testing.StoredBytes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A step that prints secret env values, on the dev gateway (bubblewrap) with the embedded S3 server: the stored log
 * objects hold the mask wherever a secret was printed, however the exec stream happened to be chunked, and everything
 * else intact; the artifact the step wrote is stored as written.
 */
@ExtendWith(S3Extension.class)
class SecretLogRedactionIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOKEN = "tok-" + UUID.randomUUID().toString().replace("-", "");
  private static final String DB_PASSWORD = "pw-" + UUID.randomUUID().toString().replace("-", "");
  private static final int LINES = 3000;
  private static Vertx vertx;
  private static Context context;
  private static DevGateway dev;
  private static GatewayClient gateway;
  private static S3ObjectStore store;
  private static EngineHarness.Engine engine;

  @BeforeAll
  static void start(S3Service s3) throws Exception {
    Assumptions.assumeTrue(bubblewrap(), "bubblewrap is not installed");
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    dev = await(DevGateway.start(vertx, DevGatewayOptions.builder().readyDelay(Duration.ofMillis(200))
        .deleteDelay(Duration.ofMillis(100)).exec(ExecOptions.builder().isolation(Isolation.BUBBLEWRAP).build()).build()));
    gateway = await(GrpcGatewayClient.connect(vertx, GatewayConnection.of(dev.endpoint()), Optional.empty()));
    store = S3ObjectStore.create(vertx, S3Settings.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey()));
    Retrier retrier = new Retrier(vertx, RetryPolicy.DEFAULT, RetryListener.NONE);
    engine = new EngineHarness.Engine(new RequestEngine(vertx, gateway, store,
        EngineConfig.defaults(s3.bucket(), "it-" + RUN), retrier::run), e -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx == null) {
      return;
    }
    store.close();
    await(gateway.close());
    await(dev.stop());
    await(vertx.close());
  }

  @Test
  void storedLogsMaskSecretValuesAndKeepTheRestButArtifactsAreStoredAsWritten() throws Exception {
    String script = "printf %s \"$TOKEN\"; echo; printf %s \"$TOKEN\" | cut -c1-3; echo visible-output;"
        + " i=0; while [ $i -lt " + LINES + " ]; do printf 'line %d %s;' $i \"$TOKEN\"; i=$((i+1)); done;"
        + " printf 'db=%s\\n' \"$DB_PASSWORD\" >&2; mkdir -p out; printf %s \"$TOKEN\" > out/token.txt";
    StepSpec step = new StepSpec("s1", List.of("sh", "-c", script), "", Map.of("TOKEN", TOKEN, "PLAIN", "plain"),
        Set.of("TOKEN"), null, Duration.ZERO, false);
    SandboxOptions sandbox = new SandboxOptions("", "", Map.of("DB_PASSWORD", DB_PASSWORD), Set.of("DB_PASSWORD"),
        Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of());
    Requests.Job job = new Requests.Job(new RequestContext("secrets-" + RUN, "acme", "alice", Optional.empty(), 1,
        Deadline.in(Duration.ofMinutes(2)), Map.of(), "it-worker"), sandbox, List.of(), List.of(step),
        List.of("/sandbox/out/token.txt"), false);

    Outcome outcome = await(engine.runJob(job));

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    StringBuilder expected = new StringBuilder(Secrets.MASK + "\n" + TOKEN.substring(0, 3) + "\nvisible-output\n");
    for (int i = 0; i < LINES; i++) {
      expected.append("line ").append(i).append(' ').append(Secrets.MASK).append(';');
    }
    OutputCapture stdout = outcome.steps().get(0).stdout();
    StoredObject stdoutLog = stdout.log().orElseThrow();
    byte[] stored = download(stdoutLog.uri());
    assertThat(stdoutLog.uri()).endsWith("/logs/0-s1.stdout");
    assertThat(text(stored)).doesNotContain(TOKEN).isEqualTo(expected.toString());
    assertThat(stdoutLog.size()).isEqualTo(stored.length);
    assertThat(stdoutLog.sha256()).isEqualTo(DigestingReadStream.sha256Hex(stored));
    assertThat(stdout.totalBytes()).isEqualTo(stored.length);
    assertThat(stdout.head().toString() + stdout.tail()).doesNotContain(TOKEN);
    assertThat(stdout.head().toString()).startsWith(Secrets.MASK + "\n" + TOKEN.substring(0, 3) + "\n");

    byte[] storedErr = download(outcome.steps().get(0).stderr().log().orElseThrow().uri());
    assertThat(text(storedErr)).isEqualTo("db=" + Secrets.MASK + "\n");

    assertThat(text(download(outcome.artifacts().get(0).uri()))).as("artifacts are user data, never redacted")
        .isEqualTo(TOKEN);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static boolean bubblewrap() {
    try {
      Isolation.BUBBLEWRAP.check();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static byte[] download(String uri) {
    return StoredBytes.download(context, store, uri);
  }
}
