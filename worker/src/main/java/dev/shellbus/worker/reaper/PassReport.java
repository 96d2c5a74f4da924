package dev.shellbus.worker.reaper;

import java.util.List;

/**
 * What one reconcile pass did.
 *
 * @param seen shellbus sandboxes listed on the gateway
 * @param verdicts the sandboxes a rule says must go
 * @param reaped how many of them were deleted with receipts published
 * @param failed how many could not be (the next pass tries again)
 * @param dryRun whether the pass only listed them
 */
public record PassReport(int seen, List<Verdict> verdicts, int reaped, int failed, boolean dryRun) {
  public PassReport {
    verdicts = List.copyOf(verdicts);
  }
}
