package dev.shellbus.worker.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks Kafka whether it answers: an Admin client whose calls are bounded by one timeout, and {@code describeCluster}.
 * Blocking; the readiness checks and the start checks call it on the blocking executor.
 */
public final class ClusterProbe {

  private ClusterProbe() {}

  /** Creates an Admin client from {@code properties} (bootstrap servers included) whose calls end by {@code timeout}. */
  public static Admin admin(Map<String, Object> properties, String clientId, Duration timeout) {
    Map<String, Object> props = new HashMap<>(properties);
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
    return Admin.create(props);
  }

  /** Returns the cluster id, or throws when the cluster does not answer within {@code timeout}. */
  public static String clusterId(Admin admin, Duration timeout) throws Exception {
    int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    return admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId()
        .get(ms, TimeUnit.MILLISECONDS);
  }

  /** The Admin client's own timeouts: at least one second. */
  private static int millis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1000, timeout.toMillis()));
  }
}
