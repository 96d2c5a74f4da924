package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.worker.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request's lifecycle events, and one session's, stay in order for a reader that starts late: under enough
 * concurrent work to spread over the partitions of the lifecycle topic, every request's events share its request key
 * and partition, and read back from the beginning they come ACCEPTED first, terminal last, in the order the worker
 * sent them; a session's calls follow one another in call order.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleOrderIT {

  private static final EventDeserializer<LifecycleEvent> LIFECYCLE = new EventDeserializer<>(LifecycleEvent.class);
  private static final Set<LifecycleType> TERMINAL = Set.of(LifecycleType.SUCCEEDED, LifecycleType.FAILED,
      LifecycleType.REJECTED, LifecycleType.CANCELLED, LifecycleType.TIMED_OUT);
  private static final int PARTITIONS = 6;
  private static final int JOBS = 30;
  private static final int EXECS = 6;
  private static final String SESSION = "order-session";

  private World world;

  @BeforeAll
  void start(@BootstrapServers String bootstrap, S3Service s3) {
    world = new World(bootstrap, s3);
    world.start("order-1", b -> b.set(ConfigKeys.TOPICS_PARTITIONS, PARTITIONS));
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void eachRequestsAndEachSessionsLifecycleEventsStayInOrder() {
    List<String> sessionCalls = new ArrayList<>(List.of(SESSION + "-open"));
    world.send(Requests.open(SESSION + "-open", SESSION));
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add("order-job-" + i);
      world.send(Requests.job("order-job-" + i, step("ok", "true")));
      if (i < EXECS) {
        sessionCalls.add(SESSION + "-exec-" + i);
        world.send(Requests.exec(SESSION + "-exec-" + i, SESSION, "echo", Integer.toString(i)));
      }
    }
    sessionCalls.add(SESSION + "-close");
    world.send(Requests.close(SESSION + "-close", SESSION));
    List<String> all = new ArrayList<>(jobs);
    all.addAll(sessionCalls);
    all.forEach(id -> assertThat(world.outputs().awaitResult(id).getStatus()).as(id).isEqualTo(ResultStatus.SUCCEEDED));
    Waits.until("every request's terminal lifecycle event arrived", () -> all.stream().allMatch(this::terminated),
        () -> all.stream().filter(id -> !terminated(id)).toList());

    List<ConsumerRecord<byte[], byte[]>> readBack = Outputs.readAll(world.bootstrap, world.topics.lifecycle());
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byRequest = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readBack) {
      byRequest.computeIfAbsent(event(r).getRequestId(), id -> new ArrayList<>()).add(r);
    }
    assertThat(byRequest.keySet()).containsAll(all);
    jobs.forEach(id -> assertInOrder(id, id, byRequest.get(id)));
    sessionCalls.forEach(id -> assertInOrder(id, SESSION, byRequest.get(id)));

    List<String> sessionOrder = new ArrayList<>();
    readBack.stream().map(r -> event(r).getRequestId())
        .filter(sessionCalls::contains)
        .forEach(id -> {
          if (sessionOrder.isEmpty() || !sessionOrder.get(sessionOrder.size() - 1).equals(id)) {
            sessionOrder.add(id);
          }
        });
    assertThat(sessionOrder).as("the session's requests, each one's events together, in call order")
        .containsExactlyElementsOf(sessionCalls);
    world.awaitNoSandboxes();
  }

  private boolean terminated(String requestId) {
    return world.outputs().lifecycleOf(requestId).stream().anyMatch(e -> TERMINAL.contains(e.getType()));
  }

  private static void assertInOrder(String requestId, String key, List<ConsumerRecord<byte[], byte[]>> records) {
    assertThat(records).as("lifecycle records of " + requestId).isNotEmpty();
    List<String> placed = records.stream()
        .map(r -> new String(r.key(), StandardCharsets.UTF_8) + " @ partition " + r.partition()).toList();
    assertThat(placed).as("key and partition of each lifecycle event of " + requestId)
        .containsOnly(key + " @ partition " + records.get(0).partition());
    List<LifecycleType> types = records.stream().map(r -> event(r).getType()).toList();
    assertThat(types).as("lifecycle of " + requestId).startsWith(LifecycleType.ACCEPTED)
        .endsWith(LifecycleType.SUCCEEDED).filteredOn(TERMINAL::contains).hasSize(1);
    List<Long> sent = records.stream().map(ConsumerRecord::timestamp).toList();
    assertThat(sent).as("send times of %s, read as %s", requestId, types).isSorted();
    records.stream().filter(r -> event(r).getSandboxId() != null).forEach(r -> assertThat(
        new String(header(r, Topics.SANDBOX_ID_HEADER), StandardCharsets.UTF_8)).isEqualTo(event(r).getSandboxId()));
  }

  private static LifecycleEvent event(ConsumerRecord<byte[], byte[]> r) {
    return LIFECYCLE.decode(r.value());
  }

  private static byte[] header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    assertThat(h).as(name + " header").isNotNull();
    return h.value();
  }
}
