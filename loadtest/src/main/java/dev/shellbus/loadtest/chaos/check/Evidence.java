package dev.shellbus.loadtest.chaos.check;

import java.util.List;
import java.util.Map;

/**
 * Everything the checker looks at after a scenario settled, read from the topics, the gateway, the log files and the
 * store (by {@link EvidenceReader}) or built by hand in a test.
 *
 * @param sent the acknowledged good requests: id to kind
 * @param results every record of the results topic
 * @param lifecycle every record of the lifecycle topic
 * @param dlqReasons the dead-letter count per {@code shellbus.dlq.reason}
 * @param dlqByKind the dead-letter count per {@code <hostile kind>:<reason>}, the kind from the record's own
 *     {@code chaos.hostile-kind} header ({@code good} when it has none)
 * @param dlqDuplicates dead letters of a source partition and offset already dead-lettered before
 * @param hostileIds the decodable hostile requests: request id to kind
 * @param hostileKinds the hostile record count per kind
 * @param gatewaySandboxes the scenario's sandboxes still on the gateway after settle: name to phase
 * @param lag the consumer group's lag per requests partition
 * @param logBytes the size of every worker and reaper log file
 * @param crashes one line per process that died without being killed
 * @param secretHits one line per place a planted secret was found
 * @param lastFaultMs when the last fault ended (0: none)
 * @param probes the good requests sent behind the hostile ones: id to send time
 * @param sendFailures requests the broker refused for good (not counted as sent)
 */
public record Evidence(Map<String, String> sent, List<ResultRecord> results, List<LifecycleRecord> lifecycle,
    Map<String, Integer> dlqReasons, Map<String, Integer> dlqByKind, int dlqDuplicates, Map<String, String> hostileIds, Map<String, Integer> hostileKinds,
    Map<String, String> gatewaySandboxes, Map<Integer, Long> lag, Map<String, Long> logBytes, List<String> crashes,
    List<String> secretHits, long lastFaultMs, Map<String, Long> probes, int sendFailures) {

  /** One result as the checker needs it. */
  public record ResultRecord(String requestId, String status, String errorCode, int attempt, boolean republished,
      long timestampMs) {}

  /** One lifecycle event as the checker needs it. */
  public record LifecycleRecord(String requestId, String type, String sandbox, int attempt, Integer stepIndex) {}
}
