package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TopicsAndPublishingIT {

  @Test
  void missingTopicsAreCreatedOnceWithCompactionWhereNeeded(@BootstrapServers String bootstrap) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicNames names = TopicNames.defaults().prefixed("init-" + UUID.randomUUID() + ".");
      TopicOptions options = new TopicOptions(bootstrap, names, 3, (short) 0, Duration.ofDays(2), Map.of());

      List<String> created = Await.result(new TopicInitializer(vertx, options).ensureTopics());
      assertThat(created).containsExactlyInAnyOrderElementsOf(names.all());
      assertThat(Await.result(new TopicInitializer(vertx, options).ensureTopics())).isEmpty();

      assertThat(config(admin, names.workers()).get("cleanup.policy").value()).isEqualTo("compact");
      Config state = config(admin, names.requestState());
      assertThat(state.get("cleanup.policy").value()).isEqualTo("compact,delete");
      assertThat(state.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(2).toMillis()));
    } finally {
      Await.result(vertx.close());
    }
  }

  @Test
  void aStateTopicWithFewerPartitionsFailsTheStart(@BootstrapServers String bootstrap) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicNames names = TopicNames.defaults().prefixed("copart-" + UUID.randomUUID() + ".");
      admin.createTopics(List.of(new NewTopic(names.requests(), 4, (short) 1),
          new NewTopic(names.requestState(), 2, (short) 1))).all().get(30, TimeUnit.SECONDS);

      Throwable failure = Await.failure(new TopicInitializer(vertx, new TopicOptions(bootstrap, names, 4, (short) 0,
          Duration.ofDays(1), Map.of())).ensureTopics());
      assertThat(failure).hasMessageContaining("has 2 partitions but requests topic");

      KafkaEventPublisher publisher = KafkaEventPublisher.create(vertx, PublisherOptions.defaults(bootstrap, "p"));
      RequestConsumer consumer = new RequestConsumer(vertx,
          ConsumerOptions.defaults(bootstrap, "g-" + UUID.randomUUID(), "w").withTopics(names),
          RecordingHandler.immediate("w", names, new RecordingHandler.Ledger()), publisher);
      assertThat(Await.failure(consumer.start())).hasMessageContaining("has 2 partitions but requests topic");
      Await.result(publisher.close(Duration.ofSeconds(5)));
    } finally {
      Await.result(vertx.close());
    }
  }

  @Test
  void publishCompletesOnTheCallersContextOnceAcknowledged(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Context context = h.vertx.getOrCreateContext();
      Promise<Boolean> onContext = Promise.promise();
      context.runOnContext(v -> {
        Future<RecordMetadata> sent = h.publisher.publish(h.topics.audit(), "k", new byte[] {1},
            List.of(new RecordHeader("h", "v".getBytes(StandardCharsets.UTF_8))));
        sent.onComplete(ar -> onContext.complete(ar.succeeded() && Vertx.currentContext() == context));
      });
      assertThat(Await.result(onContext.future())).isTrue();
      var records = h.read(h.topics.audit(), 1);
      assertThat(KafkaHarness.header(records.get(0), "h")).isEqualTo("v");
      assertThat(h.publisher.acknowledged()).isEqualTo(1);
    }
  }

  private static Config config(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
  }
}
