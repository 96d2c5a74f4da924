package dev.shellbus.loadtest.stack;

import dev.shellbus.devkit.gateway.exec.Isolation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to set up a gateway and a worker for one run.
 *
 * @param gatewayEndpoint an external gateway, or empty to start the dev gateway
 * @param isolation how the dev gateway runs execs (simulated: nothing runs, scripted output)
 * @param readyDelay the dev gateway's PROVISIONING to READY time
 * @param deleteDelay how long a deleted sandbox lingers in DELETING
 * @param simulatedExec how long a simulated exec takes
 * @param simulatedStdoutBytes how much a simulated exec writes to stdout
 * @param worker where the worker runs
 * @param maxInFlight the worker's concurrency limit
 * @param partitions partitions of the topics the worker creates
 * @param workerJvmArgs options of a forked worker's JVM
 * @param topicPrefix a prefix for every topic and the consumer group, so runs do not meet
 * @param workerSettings further worker configuration ({@code key=value} as flags give it), applied last
 */
public record DeploymentOptions(Optional<String> gatewayEndpoint, Isolation isolation, Duration readyDelay,
    Duration deleteDelay, Duration simulatedExec, long simulatedStdoutBytes, WorkerMode worker, int maxInFlight,
    int partitions, List<String> workerJvmArgs, String topicPrefix, Map<String, String> workerSettings) {

  public DeploymentOptions {
    workerSettings = Map.copyOf(workerSettings);
  }

  /** Where the worker runs. */
  public enum WorkerMode {
    /** In this JVM, on its own Vert.x instance. */
    IN_PROCESS,
    /** In a JVM of its own, so its CPU and heap can be measured alone. */
    FORK,
    /** Not started: a worker already consumes the topics. */
    NONE
  }

  /** Defaults: dev gateway, simulated execs (1 KiB, instant), its default delays, an in-process worker of 256. */
  public static DeploymentOptions defaults(String topicPrefix) {
    return new DeploymentOptions(Optional.empty(), Isolation.SIMULATED, Duration.ofMillis(250),
        Duration.ofMillis(100), Duration.ZERO, 1024, WorkerMode.IN_PROCESS, 256, 6, List.of("-Xmx1g"), topicPrefix, Map.of());
  }

  /** With other dev gateway timings. */
  public DeploymentOptions withGatewayTiming(Duration ready, Duration delete) {
    return new DeploymentOptions(gatewayEndpoint, isolation, ready, delete, simulatedExec, simulatedStdoutBytes,
        worker, maxInFlight, partitions, workerJvmArgs, topicPrefix, workerSettings);
  }

  /** With another exec isolation and simulated exec duration. */
  public DeploymentOptions withExec(Isolation value, Duration simulated) {
    return new DeploymentOptions(gatewayEndpoint, value, readyDelay, deleteDelay, simulated, simulatedStdoutBytes,
        worker, maxInFlight, partitions, workerJvmArgs, topicPrefix, workerSettings);
  }

  /** With another worker placement, capacity and JVM options. */
  public DeploymentOptions withWorker(WorkerMode mode, int inFlight, List<String> jvmArgs) {
    return new DeploymentOptions(gatewayEndpoint, isolation, readyDelay, deleteDelay, simulatedExec,
        simulatedStdoutBytes, mode, inFlight, partitions, List.copyOf(jvmArgs), topicPrefix, workerSettings);
  }

  /** With another partition count for the topics the worker creates. */
  public DeploymentOptions withPartitions(int value) {
    return new DeploymentOptions(gatewayEndpoint, isolation, readyDelay, deleteDelay, simulatedExec,
        simulatedStdoutBytes, worker, maxInFlight, value, workerJvmArgs, topicPrefix, workerSettings);
  }

  /** With an external gateway. */
  public DeploymentOptions withGateway(Optional<String> endpoint) {
    return new DeploymentOptions(endpoint, isolation, readyDelay, deleteDelay, simulatedExec, simulatedStdoutBytes,
        worker, maxInFlight, partitions, workerJvmArgs, topicPrefix, workerSettings);
  }

  /** With further worker settings, added to (and overriding) the ones given before. */
  public DeploymentOptions withWorkerSettings(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(workerSettings);
    all.putAll(more);
    return new DeploymentOptions(gatewayEndpoint, isolation, readyDelay, deleteDelay, simulatedExec,
        simulatedStdoutBytes, worker, maxInFlight, partitions, workerJvmArgs, topicPrefix, all);
  }
}
