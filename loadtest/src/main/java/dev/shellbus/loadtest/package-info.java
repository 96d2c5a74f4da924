/**
 * The shellbus load generator and benchmark runner: {@link dev.shellbus.loadtest.LoadtestMain} drives a running (or
 * self-started) shellbus over Kafka and reports what a platform would see; {@code bench.BenchmarkMain} runs the five
 * side-by-side benchmarks of {@code docs/benchmarks.md}.
 */
package dev.shellbus.loadtest;
