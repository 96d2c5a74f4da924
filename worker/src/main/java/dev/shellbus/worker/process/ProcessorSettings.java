package dev.shellbus.worker.process;

import java.time.Duration;

/**
 * What request processing needs from the worker's configuration.
 *
 * @param workerId this worker's id
 * @param version the worker version written into audit events
 * @param workspace the gateway workspace of new sandboxes
 * @param maxAttempts attempts before an interrupted request fails with INTERRUPTED
 * @param longestRun the longest a request may run (a later deadline is brought forward)
 * @param sweepBound how long removing an earlier attempt's sandboxes may take
 * @param maxInlineTotalBytes inline inputs plus stdin accepted in one request
 */
public record ProcessorSettings(String workerId, String version, String workspace, int maxAttempts,
    Duration longestRun, Duration sweepBound, long maxInlineTotalBytes) {}
