package dev.shellbus.loadtest.stats;

/**
 * One second of a run's completions of one type: how many, and their latency percentiles in milliseconds.
 *
 * @param second seconds since the run started
 * @param count completions in that second
 * @param p50 median latency, ms
 * @param p99 99th percentile, ms
 * @param max largest latency, ms
 */
public record LatencyPoint(long second, long count, double p50, double p99, double max) {}
