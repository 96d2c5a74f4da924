package dev.shellbus.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.worker.StartException;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.config.ConfigKeys;
import dev.shellbus.worker.config.WorkerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A start against a part that does not answer, or refuses the worker, fails within {@code worker.start-timeout}
 * (plus a generous margin: the point is that it ends, not how fast) with a {@link StartException} naming the part and
 * its address, instead of retrying forever. The other parts are the real embedded ones.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartChecksIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ENDS_WITHIN = START_TIMEOUT.plus(Duration.ofSeconds(60));

  private World world;
  private Vertx vertx;

  @BeforeAll
  void startWorld(@BootstrapServers String bootstrap, S3Service s3) {
    world = new World(bootstrap, s3);
  }

  @AfterAll
  void stopWorld() {
    world.close();
  }

  @BeforeEach
  void newVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    Waits.result(vertx.close());
  }

  @Test
  void kafkaThatDoesNotAnswerFailsTheStartNamingKafkaAndItsAddress() throws IOException {
    String bootstrap = "127.0.0.1:" + closedPort();
    StartException e = failedStart(config("start-kafka").kafkaBootstrapServers(bootstrap));
    assertThat(e.part()).isEqualTo("kafka");
    assertThat(e.getMessage()).isEqualTo("Kafka at " + bootstrap + " did not answer describeCluster within 3s"
        + " (worker.start-timeout)");
  }

  @Test
  void aGatewayThatDoesNotAnswerFailsTheStartNamingTheGatewayAndItsAddress() throws IOException {
    String endpoint = "http://127.0.0.1:" + closedPort();
    StartException e = failedStart(config("start-gateway").gatewayEndpoint(endpoint));
    assertThat(e.part()).isEqualTo("gateway");
    assertThat(e.getMessage()).startsWith("gateway at " + endpoint + ": ").contains("Health RPC");
  }

  @Test
  void wrongStoreCredentialsFailTheStartNamingTheStoreAndTheBucketButNotTheSecret() {
    StartException e = failedStart(config("start-store").store(world.s3.endpoint().toString(), world.s3.bucket(),
        world.s3.accessKey(), "not-the-secret-key"));
    assertThat(e.part()).isEqualTo("store");
    assertThat(e.getMessage()).startsWith("object store at " + world.s3.endpoint().getScheme() + "://"
        + world.s3.endpoint().getHost() + ":" + world.s3.endpoint().getPort() + ": ")
        .contains("bucket '" + world.s3.bucket() + "'").contains("credentials")
        .doesNotContain("not-the-secret-key").doesNotContain(world.s3.secretKey());
  }

  @Test
  void aMissingBucketFailsTheStartNamingTheBucket() {
    StartException e = failedStart(config("start-bucket").set(ConfigKeys.STORE_BUCKET, "no-such-bucket-here"));
    assertThat(e.part()).isEqualTo("store");
    assertThat(e.getMessage()).contains("bucket 'no-such-bucket-here' does not exist");
  }

  private WorkerConfig.Builder config(String id) {
    return world.config(id).set(ConfigKeys.START_TIMEOUT, START_TIMEOUT);
  }

  private StartException failedStart(WorkerConfig.Builder config) {
    try {
      Worker worker = Worker.start(vertx, config.build()).toCompletionStage().toCompletableFuture()
          .get(ENDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      Waits.result(worker.drain());
      throw new AssertionError("the start succeeded");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StartException.class);
      return (StartException) e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the start neither failed nor succeeded within " + ENDS_WITHIN, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
