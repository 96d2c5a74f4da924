package dev.shellbus.loadtest.chaos.proc;

import dev.shellbus.events.Topics;

/**
 * The fresh names of one scenario: its topic prefix, consumer group, tenant and store prefix.
 *
 * @param prefix the topic prefix, e.g. {@code chaos-ab12cd-1.}
 * @param tenant the tenant of every request it sends; the gateway's sandboxes of the scenario carry it as a label
 * @param partitions the partition count of its topics
 */
public record ScenarioTopics(String prefix, String tenant, int partitions) {

  /** Names scenario {@code index} of run {@code runId}. */
  public static ScenarioTopics of(String runId, int index, int partitions) {
    return new ScenarioTopics("chaos-" + runId + "-" + index + ".", "chaos-" + runId + "-" + index, partitions);
  }

  public String requests() {
    return prefix + Topics.REQUESTS;
  }

  public String results() {
    return prefix + Topics.RESULTS;
  }

  public String lifecycle() {
    return prefix + Topics.LIFECYCLE;
  }

  public String audit() {
    return prefix + Topics.AUDIT;
  }

  public String workers() {
    return prefix + Topics.WORKERS;
  }

  public String dlq() {
    return prefix + Topics.REQUESTS_DLQ;
  }

  public String state() {
    return prefix + Topics.REQUEST_STATE;
  }

  public String reaperLease() {
    return prefix + Topics.REAPER_LEASE;
  }

  /** The workers' consumer group. */
  public String group() {
    return prefix + "workers";
  }

  /** The object key prefix of the scenario's logs, artifacts and manifests. */
  public String storePrefix() {
    return tenant;
  }
}
