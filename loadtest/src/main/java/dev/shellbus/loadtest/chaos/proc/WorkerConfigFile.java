package dev.shellbus.loadtest.chaos.proc;

import dev.shellbus.devkit.s3.EmbeddedS3Builder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the YAML configuration file every worker (and the reaper) of one scenario reads: the scenario's topics and
 * group, the fixed addresses of broker, gateway and store, and timings short enough that a killed member is noticed
 * in seconds. The store's secret key goes to a file of its own ({@code store.secret-key-file}).
 */
public final class WorkerConfigFile {

  private WorkerConfigFile() {}

  /** Writes {@code worker.yaml} and its secret key file into {@code dir}; returns the YAML path. */
  public static Path write(Path dir, ScenarioTopics t, Ports ports) throws IOException {
    Files.createDirectories(dir);
    Path secret = dir.resolve("store-secret-key");
    Files.writeString(secret, EmbeddedS3Builder.DEFAULT_SECRET_KEY, StandardCharsets.UTF_8);
    String yaml = String.join("\n",
        "worker:",
        "  start-timeout: 60s",
        "kafka:",
        "  bootstrap-servers: 127.0.0.1:" + ports.broker(),
        "  group-id: " + t.group(),
        "  topics:",
        "    requests: " + t.requests(),
        "    results: " + t.results(),
        "    lifecycle: " + t.lifecycle(),
        "    audit: " + t.audit(),
        "    workers: " + t.workers(),
        "    dead-letters: " + t.dlq(),
        "    request-state: " + t.state(),
        "    reaper-lease: " + t.reaperLease(),
        "    partitions: " + t.partitions(),
        "  consumer:",
        "    revoke-grace: 10s",
        "  producer:",
        "    delivery-timeout: 120s",
        "  properties:",
        "    \"session.timeout.ms\": \"10000\"",
        "    \"heartbeat.interval.ms\": \"2000\"",
        "gateway:",
        "  endpoint: http://127.0.0.1:" + ports.gateway(),
        "store:",
        "  endpoint: http://127.0.0.1:" + ports.store(),
        "  bucket: " + EmbeddedS3Builder.DEFAULT_BUCKET,
        "  prefix: " + t.storePrefix(),
        "  access-key: " + EmbeddedS3Builder.DEFAULT_ACCESS_KEY,
        "  secret-key-file: " + secret.toAbsolutePath(),
        "engine:",
        "  cleanup-grace: 10s",
        "reaper:",
        "  interval: 5s",
        "  grace: 15s",
        "  leftover-age: 30s",
        "  lease-timeout: 6s",
        "  group-id: " + t.group() + "-reaper",
        "  management-port: " + ports.reaper(),
        "heartbeat:",
        "  interval: 2s",
        "drain:",
        "  grace: 5s",
        "management:",
        "  host: 127.0.0.1",
        "log:",
        "  format: json",
        "");
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
