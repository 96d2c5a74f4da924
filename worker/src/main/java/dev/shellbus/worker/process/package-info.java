/**
 * Request processing behind the Kafka seam: validation, mapping to the engine, runs, leftover removal on later
 * attempts, cancels, and the completions the consumer publishes.
 */
package dev.shellbus.worker.process;
