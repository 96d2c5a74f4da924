package dev.shellbus.worker;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.s3.S3ObjectStore;
import dev.shellbus.worker.config.ConfigKeys;
import dev.shellbus.worker.config.Durations;
import dev.shellbus.worker.kafka.ClusterProbe;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * What makes a start fail fast instead of retrying forever: Kafka answers {@code describeCluster} and the topic check,
 * the gateway its Health RPC, the store a check of the bucket, all within one deadline ({@code worker.start-timeout})
 * from the start. A failure is a {@link StartException} naming the part, its address and what failed, in one line.
 */
final class StartChecks {

  private final WorkerExecutor blocking;
  private final Duration timeout;
  private final Deadline deadline;

  StartChecks(WorkerExecutor blocking, Duration timeout) {
    this.blocking = blocking;
    this.timeout = timeout;
    this.deadline = Deadline.in(timeout);
  }

  /** Kafka at {@code bootstrap} answers {@code describeCluster}. */
  Future<Void> kafka(Map<String, Object> adminProperties, String bootstrap) {
    return bounded("kafka", "Kafka at " + bootstrap, "describeCluster", () -> blocking.<Void>executeBlocking(() -> {
      Admin admin = ClusterProbe.admin(adminProperties, "shellbus-start", deadline.remaining());
      try {
        ClusterProbe.clusterId(admin, deadline.remaining());
        return null;
      } finally {
        admin.close(Duration.ZERO);
      }
    }, false));
  }

  /** The topic check (missing topics created, co-partitioning) ends in time. */
  <T> Future<T> topics(String bootstrap, Supplier<Future<T>> check) {
    return bounded("kafka", "Kafka at " + bootstrap, "the topic check", check);
  }

  /** The gateway at {@code endpoint} connects and answers its Health RPC; a client that does not is closed. */
  Future<GatewayClient> gateway(String endpoint, Supplier<Future<GatewayClient>> connect) {
    String where = "gateway at " + endpoint;
    return bounded("gateway", where, "connect", connect).compose(client ->
        bounded("gateway", where, "its Health RPC", () -> client.health(deadline)).map(client)
            .onFailure(e -> client.close()));
  }

  /** The store at {@code where} has {@code bucket} and accepts the credentials for it. */
  Future<Void> store(String where, String bucket, S3ObjectStore store) {
    return bounded("store", "object store at " + where, "the bucket check",
        () -> store.checkBucket(bucket, deadline));
  }

  private <T> Future<T> bounded(String part, String where, String what, Supplier<Future<T>> step) {
    Future<T> started;
    try {
      started = step.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.timeout(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(failure(part, where, what, e)));
  }

  private StartException failure(String part, String where, String what, Throwable e) {
    if (e instanceof StartException known) {
      return known;
    }
    Throwable root = root(e);
    if (e instanceof TimeoutException || root instanceof TimeoutException
        || root instanceof org.apache.kafka.common.errors.TimeoutException
        || e instanceof ShellbusException se && se.code() == FailureCode.DEADLINE_EXCEEDED) {
      return new StartException(part, FailureCode.DEADLINE_EXCEEDED, where + " did not answer " + what + " within "
          + Durations.format(timeout) + " (" + ConfigKeys.START_TIMEOUT.name() + ")", e);
    }
    FailureCode code = e instanceof ShellbusException se ? se.code() : FailureCode.INTERNAL;
    String message = e instanceof ShellbusException ? e.getMessage() : String.valueOf(root.getMessage());
    return new StartException(part, code, where + ": " + what + " failed: " + message.replaceAll("\\s*\\R\\s*", " "),
        e);
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t; depth++) {
      t = t.getCause();
    }
    return t;
  }
}
