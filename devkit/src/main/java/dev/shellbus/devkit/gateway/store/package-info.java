/**
 * The dev gateway's in-memory state: sandbox and provider records, the phase transition table, the per-sandbox log
 * and event rings and the bus that tells watchers about changes.
 */
package dev.shellbus.devkit.gateway.store;
