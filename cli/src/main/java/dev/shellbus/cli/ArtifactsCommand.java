package dev.shellbus.cli;

import dev.shellbus.devkit.s3.EmbeddedS3Builder;
import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.Artifact;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.orchestrator.store.s3.S3Settings;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shellbus artifacts get URI}: downloads a stored artifact (or log, or manifest) to a file, streaming it, and
 * with {@code --verify} checks its SHA-256 against the digest the result published for it (or {@code --sha256}).
 * The file appears only once it is complete and, when verified, correct.
 */
@Command(
    name = "artifacts",
    mixinStandardHelpOptions = true,
    description = "Work with stored artifacts and logs.",
    subcommands = ArtifactsCommand.Get.class)
final class ArtifactsCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code shellbus artifacts get}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Download an object (s3://bucket/key, as in a result) to a file; --verify checks its SHA-256.",
        "Store credentials: SHELLBUS_STORE_ACCESS_KEY and SHELLBUS_STORE_SECRET_KEY (the `shellbus dev` keys when",
        "unset and the endpoint is the dev one; else the AWS default chain).",
        "Exit codes: 0 written (and verified), 1 digest mismatch (nothing written), 3 no such object or no known",
        "digest, 4 store or Kafka unreachable."
      })
  static final class Get implements Callable<Integer> {

    static final String DEV_STORE = "http://127.0.0.1:19000";
    static final int MISMATCH = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOption kafka;

    @Parameters(index = "0", paramLabel = "URI", description = "The object, s3://bucket/key.")
    String uri;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
        description = "Where to write it (default: the last part of the key, in the current directory).")
    Optional<Path> file;

    @Option(names = "--verify", description = "Check the SHA-256: --sha256, else the digest in the result that "
        + "published this URI (read from shellbus.results).")
    boolean verify;

    @Option(names = "--sha256", paramLabel = "HEX", description = "The expected SHA-256 (implies --verify).")
    Optional<String> sha256;

    @Option(names = "--s3-endpoint", defaultValue = "${env:SHELLBUS_STORE_ENDPOINT:-" + DEV_STORE + "}",
        description = "The store (default: $SHELLBUS_STORE_ENDPOINT, else ${DEFAULT-VALUE}, the `shellbus dev` one).")
    URI endpoint;

    @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m",
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      ObjectRef ref;
      try {
        ref = ObjectRef.parse(uri);
      } catch (RuntimeException e) {
        err.println("shellbus artifacts get: " + e.getMessage());
        return Main.USAGE;
      }
      Optional<String> expected = sha256.map(s -> s.toLowerCase(Locale.ROOT));
      if (verify && expected.isEmpty()) {
        try {
          expected = publishedDigest(uri);
        } catch (RuntimeException e) {
          err.println("shellbus artifacts get: cannot read results from Kafka at " + kafka.servers + ": "
              + e.getMessage());
          return SubmitCommand.UNREACHABLE;
        }
        if (expected.isEmpty()) {
          err.println("shellbus artifacts get: no result on " + Topics.RESULTS + " names " + uri
              + "; give the digest with --sha256");
          return SubmitCommand.NO_RESULT;
        }
      }
      Path target = file.orElse(Path.of(ref.key().substring(ref.key().lastIndexOf('/') + 1)));
      return download(ref, target, expected, err);
    }

    private int download(ObjectRef ref, Path target, Optional<String> expected, PrintWriter err)
        throws IOException {
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      Vertx vertx = Vertx.vertx();
      S3ObjectStore store = S3ObjectStore.create(vertx, settings());
      try {
        DigestingReadStream body = store.get(ref, Deadline.in(timeout)).compose(content -> {
          DigestingReadStream digesting = new DigestingReadStream(content.body());
          return vertx.fileSystem().open(partial.toString(), new OpenOptions().setTruncateExisting(true))
              .compose((AsyncFile out) -> digesting.pipeTo(out)).map(done -> digesting);
        }).await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        String actual = body.sha256Hex();
        if (expected.isPresent() && !expected.get().equals(actual)) {
          Files.deleteIfExists(partial);
          err.println("shellbus artifacts get: " + ref.uri() + ": SHA-256 mismatch: expected " + expected.get()
              + ", got " + actual + "; nothing written");
          return MISMATCH;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        err.println("wrote " + target + " (" + body.size() + " bytes, sha256 " + actual
            + (expected.isPresent() ? ", verified)" : ")"));
        return 0;
      } catch (Exception e) {
        Files.deleteIfExists(partial);
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("shellbus artifacts get: " + ref.uri() + ": " + message);
        return e instanceof ShellbusException failure && failure.code() == FailureCode.NOT_FOUND
            ? SubmitCommand.NO_RESULT : SubmitCommand.UNREACHABLE;
      } finally {
        store.close();
        vertx.close();
      }
    }

    private S3Settings settings() {
      Map<String, String> env = System.getenv();
      String access = env.get("SHELLBUS_STORE_ACCESS_KEY");
      String secret = env.get("SHELLBUS_STORE_SECRET_KEY");
      if (access != null && secret != null) {
        return S3Settings.compatible(endpoint, access, secret);
      }
      if (endpoint.toString().equals(DEV_STORE)) {
        return S3Settings.compatible(endpoint, EmbeddedS3Builder.DEFAULT_ACCESS_KEY,
            EmbeddedS3Builder.DEFAULT_SECRET_KEY);
      }
      return new S3Settings(Optional.of(endpoint), "us-east-1", Optional.empty(), Optional.empty(), true,
          S3Settings.DEFAULT_PART_SIZE, S3Settings.minUploadBuffer(S3Settings.DEFAULT_PART_SIZE));
    }

    /** Returns the SHA-256 that a result on the results topic gives for {@code uri}, reading it from the start. */
    private Optional<String> publishedDigest(String uri) {
      EventDeserializer<SandboxResult> results = new EventDeserializer<>(SandboxResult.class);
      Instant until = Instant.now().plus(timeout);
      try (EventConsumer consumer = new EventConsumer(kafka.servers, List.of(Topics.RESULTS), true,
          Duration.ofSeconds(20))) {
        while (!consumer.reachedStartEnd() && Instant.now().isBefore(until)) {
          for (ConsumerRecord<String, byte[]> record : consumer.consumer().poll(Duration.ofMillis(500))) {
            Optional<String> digest = digestIn(results, record, uri);
            if (digest.isPresent()) {
              return digest;
            }
          }
        }
      }
      return Optional.empty();
    }

    private static Optional<String> digestIn(EventDeserializer<SandboxResult> results,
        ConsumerRecord<String, byte[]> record, String uri) {
      try {
        SandboxResult result = results.decode(record.value());
        if (result != null) {
          for (Artifact artifact : result.getArtifacts()) {
            if (uri.equals(artifact.getUri())) {
              return Optional.ofNullable(artifact.getSha256());
            }
          }
        }
      } catch (RuntimeException undecodable) {
        // not a result this command can read; others may be
      }
      return Optional.empty();
    }
  }
}
