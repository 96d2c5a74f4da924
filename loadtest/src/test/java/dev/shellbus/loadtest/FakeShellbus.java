package dev.shellbus.loadtest;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.Exec;
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
import dev.shellbus.loadtest.kafka.TopicSet;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for a worker: reads requests and answers each at once with ACCEPTED, SANDBOX_READY (for jobs and
 * session opens), STEP_STARTED (jobs and execs) and a result, SUCCEEDED unless {@code fails} matches the request.
 */
final class FakeShellbus implements AutoCloseable {

  private final TopicSet topics;
  private final Predicate<SandboxRequest> fails;
  private final KafkaConsumer<String, SandboxRequest> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final EventSerializer<SandboxResult> results = new EventSerializer<>(SandboxResult.class);
  private final EventSerializer<LifecycleEvent> events = new EventSerializer<>(LifecycleEvent.class);
  private final Thread thread;
  private volatile boolean running = true;

  FakeShellbus(String bootstrap, TopicSet topics, Predicate<SandboxRequest> fails) {
    this.topics = topics;
    this.fails = fails;
    this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "fake-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest"), new StringDeserializer(), new EventDeserializer<>(SandboxRequest.class));
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::loop, "fake-shellbus");
    consumer.subscribe(List.of(topics.requests()));
    thread.start();
  }

  private void loop() {
    while (running) {
      for (ConsumerRecord<String, SandboxRequest> r : consumer.poll(Duration.ofMillis(50))) {
        answer(r.key(), r.value());
      }
    }
    consumer.close();
  }

  private void answer(String key, SandboxRequest request) {
    Object body = request.getBody();
    boolean job = body instanceof RunJob;
    lifecycle(key, request, LifecycleType.ACCEPTED);
    if (job || body instanceof dev.shellbus.events.v1.OpenSession) {
      lifecycle(key, request, LifecycleType.SANDBOX_READY);
    }
    if (job || body instanceof Exec) {
      lifecycle(key, request, LifecycleType.STEP_STARTED);
    }
    boolean ok = !fails.test(request);
    Instant now = Instant.now();
    OutputCapture empty = OutputCapture.newBuilder().setHead(ByteBuffer.allocate(0)).build();
    List<StepResult> steps = job || body instanceof Exec
        ? List.of(StepResult.newBuilder().setIndex(0).setName("exec").setStatus(StepStatus.SUCCEEDED).setExitCode(0)
            .setStartedAt(now).setFinishedAt(now).setStdout(empty).setStderr(empty).build())
        : List.of();
    SandboxResult result = SandboxResult.newBuilder().setRequestId(request.getRequestId())
        .setTenant(request.getTenant()).setStatus(ok ? ResultStatus.SUCCEEDED : ResultStatus.FAILED).setSteps(steps)
        .setError(ok ? null : dev.shellbus.events.v1.ErrorInfo.newBuilder().setCode("STEP_FAILED")
            .setMessage("fake").build())
        .setTimings(ResultTimings.newBuilder().setAcceptedAt(now).setFinishedAt(now).build())
        .setWorkerId("fake").build();
    producer.send(new ProducerRecord<>(topics.results(), key, results.encode(result)));
  }

  private void lifecycle(String key, SandboxRequest request, LifecycleType type) {
    LifecycleEvent event = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setRequestId(request.getRequestId()).setTenant(request.getTenant()).setType(type).setAt(Instant.now())
        .build();
    producer.send(new ProducerRecord<>(topics.lifecycle(), key, events.encode(event)));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
    producer.close();
  }
}
