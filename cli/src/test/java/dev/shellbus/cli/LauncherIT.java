package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import dev.shellbus.worker.config.ConfigKey;
import dev.shellbus.worker.config.ConfigKeys;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code shellbus} command as a user runs it: {@code bin/shellbus} of the unpacked distribution, each command a
 * separate process. {@code shellbus gateway --port 0} and {@code shellbus worker --config FILE} run against the
 * embedded broker and S3 server of this JVM; jobs go in with {@code shellbus submit} and come back with {@code
 * result}, {@code follow}, {@code tail} and {@code artifacts get}.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherIT {

  private static final Duration COMMAND = Duration.ofSeconds(90);
  private static final Pattern REQUEST_ID = Pattern.compile("(r-[0-9a-f-]{36})");

  private Path dir;
  private String kafka;
  private String gatewayEndpoint;
  private Launched gateway;
  private Launched worker;
  private Map<String, String> storeEnv;

  @BeforeAll
  void startGatewayAndWorker(@BootstrapServers String kafka, S3Service s3) throws Exception {
    this.kafka = kafka;
    dir = Files.createTempDirectory("shellbus-launcher-it-");
    gateway = Launched.start(dir, Map.of(), "gateway", "--port", "0", "--data-dir", dir.resolve("gateway").toString());
    gatewayEndpoint = gateway.await(Pattern.compile("dev gateway listening on (http://\\S+)"), COMMAND);
    int management = freePort();
    Files.writeString(dir.resolve("worker.yaml"), String.join("\n",
        "worker:",
        "  id: launcher-it",
        "kafka:",
        "  bootstrap-servers: " + kafka,
        "  group-id: launcher-it",
        "gateway:",
        "  endpoint: " + gatewayEndpoint,
        "store:",
        "  endpoint: " + s3.endpoint(),
        "  bucket: " + s3.bucket(),
        "management:",
        "  host: 127.0.0.1",
        "  port: " + management,
        "log:",
        "  format: text",
        ""));
    storeEnv = Map.of("SHELLBUS_STORE_ACCESS_KEY", s3.accessKey(), "SHELLBUS_STORE_SECRET_KEY", s3.secretKey(),
        "SHELLBUS_STORE_ENDPOINT", s3.endpoint().toString(), "SHELLBUS_KAFKA_BOOTSTRAP_SERVERS", kafka);
    worker = Launched.start(dir, storeEnv, "worker", "--config", "worker.yaml");
    awaitReady(management);
  }

  @AfterAll
  void stop() throws Exception {
    if (worker != null) {
      worker.signalGroup("TERM");
      assertThat(worker.waitFor(Duration.ofSeconds(90))).as("the worker drains on SIGTERM and exits 0\n"
          + worker.err()).isZero();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void everyCommandsHelpExitsZeroAndListsItsFlags() throws Exception {
    for (CommandLine command : allCommands(Main.commandLine())) {
      List<String> path = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName(" ").split(" ")));
      path.remove(0);
      path.add("--help");
      Launched.Run run = Launched.run(dir, Map.of(), COMMAND, path.toArray(String[]::new));
      assertThat(run.code()).as(path + "\n" + run.describe()).isZero();
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(run.out()).as(path + " lists " + option.longestName()).contains(option.longestName());
      }
    }
    Launched.Run worker = Launched.run(dir, Map.of(), COMMAND, "worker", "--help");
    assertThat(worker.code()).as(worker.describe()).isZero();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(worker.out()).as("worker --help lists " + key.name())
          .contains(key.secret() ? key.envName() : key.flag());
    }
    Launched.Run gatewayHelp = Launched.run(dir, Map.of(), COMMAND, "gateway", "--help");
    assertThat(gatewayHelp.code()).as(gatewayHelp.describe()).isZero();
    assertThat(gatewayHelp.out()).contains("--port", "--data-dir", "--isolation", "--token", "--fault-error");
    Launched.Run reaperHelp = Launched.run(dir, Map.of(), COMMAND, "reaper", "--help");
    assertThat(reaperHelp.code()).as(reaperHelp.describe()).isZero();
    assertThat(reaperHelp.out()).contains("--config", "--dry-run", "--once");
  }

  @Test
  void malformedCommandLinesPrintOneLineAndExitTwo() throws Exception {
    List<List<String>> malformed = List.of(
        List.of("submit", "--no-such-flag", "x.yaml"),
        List.of("tail", "no-such-topic"),
        List.of("result"),
        List.of("no-such-command"),
        List.of("worker", "--kafka.no-such-key=1"),
        List.of("gateway", "--port=not-a-number"),
        List.of("reaper", "--reaper.interval=soon"));
    for (List<String> args : malformed) {
      Launched.Run run = Launched.run(dir, Map.of(), COMMAND, args.toArray(String[]::new));
      assertThat(run.code()).as(args + "\n" + run.describe()).isEqualTo(2);
      assertThat(run.err().strip().lines()).as(args + ": one line\n" + run.describe()).hasSize(1);
      assertThat(run.out() + run.err()).as(args + ": no stack trace").doesNotContain("\tat ", "Exception");
    }
  }

  @Test
  void gatewayOnPortZeroAnswersHealth() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GrpcGatewayClient client = GrpcGatewayClient.connect(vertx, GatewayConnection.of(gatewayEndpoint),
          Optional.empty()).await(30, TimeUnit.SECONDS);
      client.health(Deadline.in(Duration.ofSeconds(10))).await(20, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void submitExitCodesAndReattachingToResults() throws Exception {
    Launched.Run ok = submit(example("hello.yaml"), "--follow");
    assertThat(ok.code()).as(ok.describe()).isZero();
    assertThat(ok.out()).contains("ACCEPTED", "result: SUCCEEDED", "hello from shellbus");
    String okId = firstId(ok.out());

    Launched.Run failed = submit(job("failing", "echo about to fail; exit 3"), "--follow");
    assertThat(failed.code()).as(failed.describe()).isEqualTo(1);
    assertThat(failed.out()).contains("result: FAILED", "exit 3");

    Files.writeString(dir.resolve("invalid.yaml"), "deadline: 5m\nbody:\n  RunJob:\n    steps: []\n");
    Launched.Run invalid = submit(dir.resolve("invalid.yaml"));
    assertThat(invalid.code()).as(invalid.describe()).isEqualTo(2);
    assertThat(invalid.err()).contains("invalid");

    Launched.Run slow = submit(job("slow", "sleep 30; echo woke"), "--follow", "--timeout", "3s");
    assertThat(slow.code()).as(slow.describe()).isEqualTo(3);
    String slowId = firstId(slow.out());
    Launched.Run cancel = Launched.run(dir, Map.of(), COMMAND, "cancel", slowId, "--kafka", kafka, "--reason",
        "launcher test", "--follow");
    assertThat(cancel.code()).as(cancel.describe()).isZero();
    Launched.Run cancelled = Launched.run(dir, Map.of(), COMMAND, "result", slowId, "--wait", "--kafka", kafka);
    assertThat(cancelled.code()).as(cancelled.describe()).isEqualTo(1);
    assertThat(cancelled.out()).contains("result: CANCELLED", "launcher test");

    int closed = freePort();
    Launched.Run unreachable = Launched.run(dir, Map.of(), COMMAND, "submit", example("hello.yaml").toString(),
        "--kafka", "127.0.0.1:" + closed);
    assertThat(unreachable.code()).as(unreachable.describe()).isEqualTo(4);
    assertThat(unreachable.err().strip().lines()).as("one clear line, no Kafka warnings\n" + unreachable.describe())
        .hasSize(1);

    Launched.Run result = Launched.run(dir, Map.of(), COMMAND, "result", okId, "--kafka", kafka, "-o", "json");
    assertThat(result.code()).as(result.describe()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out().strip());
    assertThat(json.at("/result/status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.at("/result/request_id").asText()).isEqualTo(okId);

    Launched.Run follow = Launched.run(dir, Map.of(), COMMAND, "follow", okId, "--kafka", kafka);
    assertThat(follow.code()).as(follow.describe()).isZero();
    List<String> lines = follow.out().lines().toList();
    assertThat(lines.get(0)).contains("ACCEPTED");
    assertThat(follow.out()).contains("SANDBOX_DELETED", "result: SUCCEEDED");

    Launched.Run missing = Launched.run(dir, Map.of(), COMMAND, "result", "r-never-published", "--kafka", kafka);
    assertThat(missing.code()).as(missing.describe()).isEqualTo(3);
  }

  @Test
  void tailStopsAtCountOrAtTheEnd() throws Exception {
    Launched.Run job = submit(example("hello.yaml"), "--follow");
    assertThat(job.code()).as(job.describe()).isZero();
    String id = firstId(job.out());

    Launched.Run three = Launched.run(dir, Map.of(), COMMAND, "tail", "lifecycle", "--from-beginning", "--count",
        "3", "--kafka", kafka);
    assertThat(three.code()).as(three.describe()).isZero();
    assertThat(three.out().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{"));

    Launched.Run mine = Launched.run(dir, Map.of(), COMMAND, "tail", "results", "--from-beginning", "--until-end",
        "--count", "200", "--request-id", id, "--kafka", kafka);
    assertThat(mine.code()).as(mine.describe()).isZero();
    assertThat(mine.out().lines()).hasSize(1).allSatisfy(line -> assertThat(line).contains(id, "SUCCEEDED"));
  }

  @Test
  void artifactsGetVerifiesTheDigestTheResultPublished() throws Exception {
    Launched.Run job = submit(example("ci-job.yaml"), "--follow");
    assertThat(job.code()).as(job.describe()).isZero();
    Matcher artifact = Pattern.compile("artifact /sandbox/out -> (s3://\\S+) sha256=([0-9a-f]{64})")
        .matcher(job.out());
    assertThat(artifact.find()).as(job.out()).isTrue();

    Launched.Run get = Launched.run(dir, storeEnv, COMMAND, "artifacts", "get", artifact.group(1), "--verify",
        "--file", "out.tar");
    assertThat(get.code()).as(get.describe()).isZero();
    assertThat(get.err()).contains("verified");
    byte[] bytes = Files.readAllBytes(dir.resolve("out.tar"));
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(artifact.group(2));

    Launched.Run wrong = Launched.run(dir, storeEnv, COMMAND, "artifacts", "get", artifact.group(1), "--sha256",
        "0".repeat(64), "--file", "wrong.tar");
    assertThat(wrong.code()).as(wrong.describe()).isEqualTo(1);
    assertThat(wrong.err()).contains("mismatch");
    assertThat(dir.resolve("wrong.tar")).doesNotExist();
  }

  @Test
  void reaperOnceListsInADryRunAndThenReapsAKeptSandbox() throws Exception {
    Path file = dir.resolve("kept.yaml");
    Files.writeString(file, String.join("\n", "body:", "  RunJob:", "    keep_sandbox: true",
        "    keep_sandbox_ttl_seconds: 1", "    steps:", "      - name: kept", "        argv: [echo, kept]", ""));
    Launched.Run job = submit(file, "--follow");
    assertThat(job.code()).as(job.describe()).isZero();
    String id = firstId(job.out());
    assertThat(sandboxesOf(id)).as("kept after the job").hasSize(1);
    Thread.sleep(1100); // past the job's one-second keep TTL

    Launched.Run dry = Launched.run(dir, storeEnv, COMMAND, "reaper", "--config", "worker.yaml", "--once",
        "--dry-run", "--reaper.grace=0s");
    assertThat(dry.code()).as(dry.describe()).isZero();
    assertThat(dry.out().lines().filter(l -> l.contains(id)))
        .singleElement().satisfies(l -> assertThat(l).startsWith("keep-ttl\t"));
    assertThat(dry.err()).contains("would be reaped (dry run)");
    assertThat(sandboxesOf(id)).as("a dry run deletes nothing").hasSize(1);

    Launched.Run reap = Launched.run(dir, storeEnv, COMMAND, "reaper", "--config", "worker.yaml", "--once",
        "--reaper.grace=0s", "--reaper.lease-timeout=6s");
    assertThat(reap.code()).as(reap.describe()).isZero();
    assertThat(reap.out()).contains(id);
    assertThat(sandboxesOf(id)).as("reaped").isEmpty();
    Launched.Run receipts = Launched.run(dir, Map.of(), COMMAND, "tail", "lifecycle", "--from-beginning",
        "--until-end", "--count", "1000", "--request-id", id, "--kafka", kafka);
    assertThat(receipts.out()).contains("REAPED", "keep-ttl");
  }

  private List<dev.shellbus.orchestrator.gateway.SandboxInfo> sandboxesOf(String requestId) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GrpcGatewayClient client = GrpcGatewayClient.connect(vertx, GatewayConnection.of(gatewayEndpoint),
          Optional.empty()).await(30, TimeUnit.SECONDS);
      return client.list("", Map.of("shellbus.dev/request", requestId), Deadline.in(Duration.ofSeconds(10)))
          .await(20, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private Launched.Run submit(Path file, String... more) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("submit", file.toString(), "--kafka", kafka));
    args.addAll(List.of(more));
    return Launched.run(dir, Map.of(), COMMAND, args.toArray(String[]::new));
  }

  private Path job(String name, String script) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, String.join("\n",
        "body:",
        "  RunJob:",
        "    steps:",
        "      - name: " + name,
        "        argv: [sh, -c, \"" + script + "\"]",
        ""));
    return file;
  }

  private static Path example(String name) throws IOException, InterruptedException {
    return Launched.home().resolve("examples").resolve(name);
  }

  private static String firstId(String out) {
    Matcher matcher = REQUEST_ID.matcher(out);
    assertThat(matcher.find()).as("a request id in\n" + out).isTrue();
    return matcher.group(1);
  }

  private static List<CommandLine> allCommands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      if (!List.of("worker", "gateway", "reaper").contains(sub.getCommandName())) {
        all.add(sub);
      }
      all.addAll(allCommands(sub).stream().filter(c -> !all.contains(c)).toList());
    }
    return all;
  }

  private void awaitReady(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant until = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(until)) {
      assertThat(worker.isAlive()).as("the worker runs\n" + worker.out() + worker.err()).isTrue();
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250); // polling the readiness endpoint, as Kubernetes does
    }
    throw new AssertionError("the worker was not ready within 120 s\n" + worker.out() + worker.err());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
