package dev.shellbus.loadtest.chaos.check;

import java.util.List;
import java.util.Map;

/**
 * What the checker concluded about one scenario: the hard failures (any of them fails the run) and the figures.
 *
 * @param sent acknowledged good requests
 * @param lost good requests without a terminal result
 * @param unmarkedDuplicates request ids with more than one result lacking the {@code shellbus.republished} header
 * @param markedDuplicates results carrying {@code shellbus.republished: true}
 * @param stepsInSeveralAttempts requests with a step started in more than one attempt
 * @param sandboxesWithoutDeleted sandboxes with SANDBOX_CREATING and neither SANDBOX_DELETED nor REAPED
 * @param orphans sandboxes of the scenario still on the gateway after settle: name to phase
 * @param stuckPartitions requests partitions whose group lag is not zero
 * @param recoveryMs from the end of the last fault to the last result (-1: no fault)
 * @param byStatus good requests' first results by status
 * @param byError good requests' first results by {@code STATUS/CODE} when not SUCCEEDED
 * @param dlqReasons dead letters by reason
 * @param dlqByKind dead letters by hostile kind and reason
 * @param dlqDuplicates dead letters of a source offset already dead-lettered (no marker tells them apart)
 * @param hostileResults decodable hostile requests' results by kind and status (every result record)
 * @param hostileUnaccounted hostile records with neither a dead letter nor a result
 * @param probeMaxMs the slowest good request sent behind the hostile ones, publish to result (-1: none)
 * @param logBytes worker log bytes per file
 * @param crashes processes that died without being killed
 * @param secretHits where planted secrets were found
 * @param failures the hard failures, one line each
 */
public record Findings(int sent, List<String> lost, List<String> unmarkedDuplicates, int markedDuplicates,
    List<String> stepsInSeveralAttempts, List<String> sandboxesWithoutDeleted, Map<String, String> orphans,
    Map<Integer, Long> stuckPartitions, long recoveryMs, Map<String, Integer> byStatus, Map<String, Integer> byError,
    Map<String, Integer> dlqReasons, Map<String, Integer> dlqByKind, int dlqDuplicates, Map<String, Integer> hostileResults, int hostileUnaccounted, long probeMaxMs,
    Map<String, Long> logBytes, List<String> crashes, List<String> secretHits, List<String> failures) {

  /** Tells whether no hard check failed. */
  public boolean passed() {
    return failures.isEmpty();
  }
}
