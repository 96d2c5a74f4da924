package dev.shellbus.loadtest.chaos.proc;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Polls a started process until it serves: a port that accepts, a broker that answers, a health URL that says 200. */
public final class Readiness {

  private Readiness() {}

  /** Waits until {@code check} holds, polling every 250 ms. */
  public static void await(String what, Duration timeout, BooleanSupplier check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not ready within " + timeout);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Tells whether a TCP connect to 127.0.0.1:port works. */
  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Tells whether the broker answers describeCluster. */
  public static boolean brokerAnswers(String bootstrap) {
    if (!accepts(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)))) {
      return false;
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Tells whether the consumer group is Stable with {@code members} members, each holding partitions. */
  public static boolean groupStable(String bootstrap, String group, int members) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      var d = admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group)
          .get(5, TimeUnit.SECONDS);
      return d.groupState() == org.apache.kafka.common.GroupState.STABLE && d.members().size() == members
          && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
    } catch (Exception e) {
      return false;
    }
  }

  /** Tells whether GET {@code url} answers 200. */
  public static boolean httpOk(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(3000);
      int code = c.getResponseCode();
      c.disconnect();
      return code == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
