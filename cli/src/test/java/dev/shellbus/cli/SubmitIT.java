package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.kafka.KafkaTopics;
import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.events.Topics;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.OutputCapture;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.StepResult;
import dev.shellbus.events.v1.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(KafkaExtension.class)
class SubmitIT {

  @TempDir Path dir;

  @BeforeAll
  static void topics(@BootstrapServers String kafka) {
    try {
      KafkaTopics.create(kafka, 3, Topics.REQUESTS, Topics.RESULTS, Topics.LIFECYCLE);
    } catch (RuntimeException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Runs the command line, returning the exit code and what it printed. */
  private static Run shellbus(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {}

  @Test
  void publishesAnExampleThatReadsBackDecoded(@BootstrapServers String kafka) {
    Run run = shellbus("submit", ExamplesTest.EXAMPLES.resolve("hello.yaml").toString(), "--kafka", kafka);
    assertThat(run.code()).as(run.err()).isZero();
    String requestId = run.out().trim();
    ConsumerRecord<String, byte[]> record = awaitRequest(kafka, requestId);
    assertThat(record.key()).isEqualTo(requestId);
    assertThat(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
        .isEqualTo("dev.shellbus.request.v1");
    SandboxRequest request = new EventDeserializer<>(SandboxRequest.class).decode(record.value());
    assertThat(request.getTenant()).isEqualTo("default");
    assertThat(((RunJob) request.getBody()).getSteps().get(0).getArgv())
        .containsExactly("sh", "-c", "echo hello from shellbus");
  }

  @Test
  void followPrintsTheResultAndExitsZero(@BootstrapServers String kafka) throws Exception {
    String requestId = "it-follow-" + UUID.randomUUID();
    Path file = dir.resolve("follow.yaml");
    Files.writeString(file, "request_id: " + requestId + "\n"
        + Files.readString(ExamplesTest.EXAMPLES.resolve("hello.yaml")));
    CompletableFuture<Run> follow = CompletableFuture.supplyAsync(
        () -> shellbus("submit", file.toString(), "--follow", "--timeout", "60s", "--kafka", kafka));
    awaitRequest(kafka, requestId); // published only after the follower sought to the end
    Instant now = Instant.now();
    LifecycleEvent event = LifecycleEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setRequestId(requestId).setTenant("default")
        .setType(LifecycleType.STEP_FINISHED).setAt(now).setStepIndex(0).setStepName("hello").setExitCode(0)
        .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.LIFECYCLE, requestId,
          new EventSerializer<>(LifecycleEvent.class).encode(event))).get();
      producer.send(new ProducerRecord<>(Topics.RESULTS, requestId,
          new EventSerializer<>(SandboxResult.class).encode(result(requestId, now)))).get();
    }
    Run run = follow.get(60, TimeUnit.SECONDS);
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith(requestId)
        .contains("STEP_FINISHED step 0 hello exit=0")
        .contains("result: SUCCEEDED")
        .contains("step 0 hello: SUCCEEDED exit 0")
        .contains("| hello from shellbus");
  }

  @Test
  void followGivesUpWithExitThree(@BootstrapServers String kafka) {
    Run run = shellbus("submit", ExamplesTest.EXAMPLES.resolve("hello.yaml").toString(),
        "--follow", "--timeout", "2s", "--kafka", kafka);
    assertThat(run.code()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("no result");
  }

  @Test
  void invalidRequestExitsTwoNamingTheField(@BootstrapServers String kafka) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "deadline: 1m\nbody: {RunJob: {spec: {}, steps: [{name: a, argv: [x], workdir: /etc}]}}");
    Run run = shellbus("submit", file.toString(), "--kafka", kafka);
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("workdir");
  }

  private static SandboxResult result(String requestId, Instant now) {
    OutputCapture stdout = OutputCapture.newBuilder()
        .setHead(ByteBuffer.wrap("hello from shellbus\n".getBytes(StandardCharsets.UTF_8))).setTotalBytes(20).build();
    StepResult step = StepResult.newBuilder().setIndex(0).setName("hello").setStatus(StepStatus.SUCCEEDED)
        .setExitCode(0).setStdout(stdout).setStderr(OutputCapture.newBuilder().build()).build();
    return SandboxResult.newBuilder().setRequestId(requestId).setTenant("default").setStatus(ResultStatus.SUCCEEDED)
        .setSteps(List.of(step)).setWorkerId("fake-worker")
        .setTimings(ResultTimings.newBuilder().setAcceptedAt(now).setFinishedAt(now.plusMillis(42)).build())
        .build();
  }

  private static ConsumerRecord<String, byte[]> awaitRequest(String kafka, String requestId) {
    try (EventConsumer consumer = new EventConsumer(kafka, List.of(Topics.REQUESTS), true, Duration.ofSeconds(20))) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until) {
        for (ConsumerRecord<String, byte[]> record : consumer.consumer().poll(Duration.ofMillis(200))) {
          if (requestId.equals(record.key())) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("request " + requestId + " not published");
  }
}
