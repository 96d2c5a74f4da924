/**
 * OCSF-aligned audit events from engine transitions, and the scrubbing of secret values from argv, output,
 * messages and reasons.
 */
package dev.shellbus.worker.audit;
