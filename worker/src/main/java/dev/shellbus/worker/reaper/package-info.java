/**
 * The reconciler, {@code shellbus reaper}: makes sure no sandbox outlives its purpose. It reads what Kafka knows
 * (worker heartbeats, request states, session activity from lifecycle events) into a {@link
 * dev.shellbus.worker.reaper.ClusterView}, lists shellbus's own sandboxes on the gateway every interval, asks the
 * {@link dev.shellbus.worker.reaper.ReapPolicy} which of them have outlived their rule, deletes those and publishes
 * a receipt for each (a lifecycle and an audit event). One reaper is active at a time: the owner of the lease
 * topic's one partition in the reaper group ({@link dev.shellbus.worker.reaper.ActiveLease}).
 *
 * <p>Depends on the worker's config, Kafka and mapping packages and on the orchestrator's gateway port; nothing in
 * the worker depends on it.
 */
package dev.shellbus.worker.reaper;
