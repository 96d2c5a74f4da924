package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import dev.shellbus.orchestrator.retry.Retrier;
import dev.shellbus.orchestrator.retry.RetryListener;
import dev.shellbus.orchestrator.retry.RetryPolicy;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.orchestrator.store.s3.S3Settings;
import dev.shellbus.orchestrator.testing.OnContext;
import dev.shellbus.orchestrator.testing.StoredBytes;
import dev.shellbus.orchestrator.transfer.CollectedArtifact;
import dev.shellbus.orchestrator.transfer.FileInput;
import dev.shellbus.orchestrator.transfer.InputSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine end to end: the in-process dev gateway (sandboxes under bubblewrap) through the gRPC
 * adapter, and the embedded S3 server through the S3 adapter.
 */
@ExtendWith(S3Extension.class)
class RequestEngineIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static Vertx vertx;
  private static Context context;
  private static DevGateway dev;
  private static GatewayClient gateway;
  private static S3ObjectStore store;
  private static String bucket;
  private static EngineHarness.Engine engine;
  private static final List<EngineEvent> OBSERVED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(S3Service s3) throws Exception {
    Assumptions.assumeTrue(bubblewrap(), "bubblewrap is not installed");
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    dev = await(DevGateway.start(vertx, DevGatewayOptions.builder().readyDelay(Duration.ofMillis(200))
        .deleteDelay(Duration.ofMillis(100)).exec(ExecOptions.builder().isolation(Isolation.BUBBLEWRAP).build()).build()));
    gateway = await(GrpcGatewayClient.connect(vertx, GatewayConnection.of(dev.endpoint()), Optional.empty()));
    store = S3ObjectStore.create(vertx, S3Settings.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey()));
    bucket = s3.bucket();
    Retrier retrier = new Retrier(vertx, RetryPolicy.DEFAULT, RetryListener.NONE);
    engine = new EngineHarness.Engine(new RequestEngine(vertx, gateway, store, EngineConfig.defaults(bucket, "it-" + RUN),
        retrier::run), OBSERVED::add);
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

  private static boolean bubblewrap() {
    try {
      Isolation.BUBBLEWRAP.check();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static RequestContext ctx(String id, Optional<String> session, Duration budget) {
    return new RequestContext(id + "-" + RUN, "acme", "alice", session.map(s -> s + "-" + RUN), 1, Deadline.in(budget), Map.of(),
        "it-worker");
  }

  @Test
  void jobWithInlineAndObjectInputsThreeStepsAndArtifactsStoresEverythingWithDigests() throws Exception {
    byte[] big = new byte[1_500_000];
    new Random(3).nextBytes(big);
    ObjectRef input = new ObjectRef(bucket, "it-" + RUN + "/inputs/data.txt");
    OnContext.await(context, () -> store.put(input, Buffer.buffer("from s3\n"), "text/plain", Deadline.in(Duration.ofSeconds(30))));
    Requests.Job job = new Requests.Job(ctx("job", Optional.empty(), Duration.ofMinutes(2)), SandboxOptions.defaults(),
        List.of(FileInput.inline("/sandbox/in/small.txt", "small\n".getBytes(StandardCharsets.UTF_8)),
            new FileInput("/sandbox/in/big.bin", 0600, new InputSource.Inline(big)),
            new FileInput("/sandbox/in/data.txt", 0644, new InputSource.FromObject(input.uri(), Optional.empty()))),
        List.of(StepSpec.of("copy", "bash", "-c", "mkdir -p out/dir && cat in/small.txt in/data.txt > out/copy.txt"),
            StepSpec.of("dir", "bash", "-c", "cp in/big.bin out/dir/big.bin && echo nested > out/dir/n.txt"),
            StepSpec.of("list", "ls", "-la", "/sandbox/out")),
        List.of("/sandbox/out/copy.txt", "/sandbox/out/dir"), false);

    Outcome outcome = await(engine.runJob(job));

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(outcome.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.SUCCEEDED);
    assertThat(outcome.steps().get(2).stdout().head().toString()).contains("copy.txt");
    ArtifactResult copy = outcome.artifacts().get(0);
    assertThat(copy.artifact().kind()).isEqualTo(CollectedArtifact.Kind.FILE);
    assertThat(download(copy.uri())).isEqualTo("small\nfrom s3\n".getBytes(StandardCharsets.UTF_8));
    assertThat(copy.sha256()).isEqualTo(DigestingReadStream.sha256Hex(download(copy.uri())));
    ArtifactResult dir = outcome.artifacts().get(1);
    assertThat(dir.artifact().kind()).isEqualTo(CollectedArtifact.Kind.DIRECTORY);
    byte[] archive = download(dir.uri());
    assertThat(dir.sha256()).isEqualTo(DigestingReadStream.sha256Hex(archive));
    assertThat(dir.size()).isEqualTo(archive.length).isGreaterThan(big.length);
    JsonObject manifest = new JsonObject(Buffer.buffer(download(outcome.manifest().orElseThrow().uri())));
    assertThat(manifest.getJsonArray("artifacts")).hasSize(2);
    assertThat(manifest.getJsonArray("artifacts").getJsonObject(1).getString("step")).isEqualTo("list");
    assertSandboxGone(outcome);
  }

  /**
   * An artifact of several store parts: the exec stream is paused whenever the upload falls behind (the multipart
   * upload starts only once two parts are buffered), so this is where flow control between the gateway's exec stream
   * and the store has to hold up both ways.
   */
  @Test
  void anArtifactOfSeveralPartsStreamsThroughWhole() throws Exception {
    long size = 48L << 20;
    Requests.Job job = new Requests.Job(ctx("bigart", Optional.empty(), Duration.ofMinutes(2)), SandboxOptions.defaults(),
        List.of(), List.of(StepSpec.of("make", "bash", "-c", "head -c " + size + " /dev/urandom > /sandbox/big.bin && sha256sum /sandbox/big.bin")),
        List.of("/sandbox/big.bin"), false);

    Outcome outcome = await(engine.runJob(job));

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    ArtifactResult big = outcome.artifacts().get(0);
    assertThat(big.size()).isEqualTo(size);
    assertThat(outcome.steps().get(0).stdout().head().toString()).startsWith(big.sha256());
    assertSandboxGone(outcome);
  }

  @Test
  void sessionOpenExecPutGetCloseWithSnapshotAndRestore() throws Exception {
    Duration budget = Duration.ofMinutes(1);
    Outcome open = await(engine.openSession(new Requests.OpenSession(ctx("open", Optional.of("s"), budget), SandboxOptions.defaults(),
        Duration.ofMinutes(10), List.of(), Optional.empty())));
    assertThat(open.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    Outcome exec = await(engine.exec(new Requests.Exec(ctx("exec", Optional.of("s"), budget),
        StepSpec.of("x", "bash", "-c", "echo made > /sandbox/made.txt && echo done"))));
    assertThat(exec.steps().get(0).stdout().head().toString()).isEqualTo("done\n");
    Outcome put = await(engine.putFiles(new Requests.PutFiles(ctx("put", Optional.of("s"), budget),
        List.of(FileInput.inline("/sandbox/conf/app.conf", "k=v\n".getBytes(StandardCharsets.UTF_8))))));
    assertThat(put.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    Outcome get = await(engine.getFiles(new Requests.GetFiles(ctx("get", Optional.of("s"), budget), List.of("/sandbox/conf"))));
    assertThat(get.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertThat(get.artifacts()).singleElement().satisfies(a -> assertThat(a.uri()).endsWith("/artifacts/sandbox/conf.tar"));
    Outcome close = await(engine.closeSession(new Requests.CloseSession(ctx("close", Optional.of("s"), budget), true)));
    assertThat(close.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    assertSandboxGone(close);

    Outcome reopen = await(engine.openSession(new Requests.OpenSession(ctx("reopen", Optional.of("s2"), budget),
        SandboxOptions.defaults(), Duration.ofMinutes(10), List.of(), Optional.of(close.snapshot().orElseThrow().uri()))));
    assertThat(reopen.error()).isEmpty();
    Outcome check = await(engine.exec(new Requests.Exec(ctx("check", Optional.of("s2"), budget),
        StepSpec.of("x", "cat", "/sandbox/made.txt", "/sandbox/conf/app.conf"))));
    assertThat(check.steps().get(0).stdout().head().toString()).isEqualTo("made\nk=v\n");
    await(engine.closeSession(new Requests.CloseSession(ctx("close2", Optional.of("s2"), budget), false)));
  }

  @Test
  void cancelStopsARunningJobAndDeletesItsSandbox() throws Exception {
    Requests.Job job = new Requests.Job(ctx("cancel", Optional.empty(), Duration.ofMinutes(1)), SandboxOptions.defaults(),
        List.of(), List.of(StepSpec.of("sleep", "sleep", "60")), List.of(), false);
    Future<Outcome> running = engine.runJob(job);
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (OBSERVED.stream().noneMatch(e -> e.context().requestId().equals(job.context().requestId())
        && e instanceof EngineEvent.StepStarted) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    long begin = System.nanoTime();
    await(engine.cancel(new Requests.Cancel(ctx("cancel-req", Optional.empty(), Duration.ofSeconds(10)),
        job.context().requestId(), "test")));
    Outcome outcome = await(running);

    assertThat(outcome.status()).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
    assertSandboxGone(outcome);
  }

  @Test
  void deadlineTimesOutAndStillDeletesTheSandbox() throws Exception {
    Requests.Job job = new Requests.Job(ctx("deadline", Optional.empty(), Duration.ofSeconds(6)), SandboxOptions.defaults(),
        List.of(), List.of(StepSpec.of("sleep", "sleep", "60")), List.of(), false);

    Outcome outcome = await(engine.runJob(job));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.TIMED_OUT);
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
    assertSandboxGone(outcome);
  }

  private static void assertSandboxGone(Outcome outcome) throws Exception {
    String name = outcome.sandbox().orElseThrow().name();
    Future<Boolean> gone = gateway.get("", name, Deadline.in(Duration.ofSeconds(10)))
        .map(info -> info.phase() == SandboxPhase.DELETING)
        .recover(f -> Future.succeededFuture(f instanceof ShellbusException se && se.code() == FailureCode.NOT_FOUND));
    assertThat(await(gone)).as("sandbox " + name + " deleted").isTrue();
  }

  private static byte[] download(String uri) {
    return StoredBytes.download(context, store, uri);
  }
}
