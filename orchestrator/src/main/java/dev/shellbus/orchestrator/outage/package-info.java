/**
 * Riding out outages of the worker's dependencies: a {@link dev.shellbus.orchestrator.outage.Breaker} per dependency
 * (gateway, object store) and the decorators that route calls through it, so that work waits while a dependency is
 * down (within its deadline) instead of spending its retries and failing.
 */
package dev.shellbus.orchestrator.outage;
