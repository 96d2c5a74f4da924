package dev.shellbus.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.KafkaService;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.loadtest.FakeShellbusAccess;
import dev.shellbus.loadtest.kafka.TopicSet;
import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.plan.Mix;
import dev.shellbus.loadtest.stats.TypeStats;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class LoadGeneratorIT {

  private static TopicSet topics(KafkaService kafka) {
    TopicSet topics = TopicSet.prefixed("lg-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    kafka.createTopics(3, topics.requests(), topics.results(), topics.lifecycle());
    return topics;
  }

  @Test
  void openModelGetsEveryResultAndCountsTypesAndErrors(KafkaService kafka, @BootstrapServers String bootstrap)
      throws Exception {
    TopicSet topics = topics(kafka);
    try (AutoCloseable fake = FakeShellbusAccess.start(bootstrap, topics,
        r -> r.getBody() instanceof Exec && ((Exec) r.getBody()).getArgv().get(1).equals("call 1"))) {
      LoadPlan plan = LoadPlan.open(100, 120, Duration.ZERO, Mix.parse("job=3,session/2=1"))
          .withRequestTimeout(Duration.ofSeconds(30));
      RunResult result = new LoadGenerator(bootstrap, topics, Map.of()).run(plan);

      assertThat(result.complete()).isTrue();
      assertThat(result.arrivalsStarted()).isEqualTo(120);
      TypeStats.Snapshot job = result.type("job");
      TypeStats.Snapshot session = result.type("session/2");
      assertThat(job.failed()).isZero();
      assertThat(job.count() + session.count()).isEqualTo(120);
      assertThat(job.ready().getTotalCount()).isEqualTo(job.count());
      assertThat(job.firstStep().getTotalCount()).isEqualTo(job.count());
      assertThat(result.type("session/2.exec").errors()).containsEntry("STEP_FAILED", session.count());
      assertThat(session.errors()).containsEntry("STEP_FAILED", session.count());
      assertThat(result.type("session/2.close").succeeded()).isEqualTo(session.count());
      assertThat(result.requestsSent()).isEqualTo(job.count() + 4 * session.count());
      assertThat(job.timeline()).isNotEmpty();
    }
  }

  @Test
  void closedModelStopsAtTheCountAndWarmupIsLeftOut(KafkaService kafka, @BootstrapServers String bootstrap)
      throws Exception {
    TopicSet topics = topics(kafka);
    try (AutoCloseable fake = FakeShellbusAccess.start(bootstrap, topics, r -> false)) {
      LoadPlan plan = LoadPlan.closed(4, 50, Duration.ZERO, Mix.parse("job")).withWarmup(Duration.ofHours(1));
      RunResult result = new LoadGenerator(bootstrap, topics, Map.of()).run(plan);
      assertThat(result.arrivalsStarted()).isEqualTo(50);
      assertThat(result.complete()).isTrue();
      assertThat(result.types()).isEmpty();
    }
  }

  @Test
  void missingResultsBecomeNoResultAfterTheDeadline(KafkaService kafka, @BootstrapServers String bootstrap)
      throws Exception {
    TopicSet topics = topics(kafka);
    LoadPlan plan = LoadPlan.open(50, 5, Duration.ZERO, Mix.parse("job")).withRequestTimeout(Duration.ofSeconds(1));
    RunResult result = new LoadGenerator(bootstrap, topics, Map.of()).run(plan);
    assertThat(result.complete()).isTrue();
    assertThat(result.type("job").errors()).containsEntry("NO_RESULT", 5L);
  }
}
