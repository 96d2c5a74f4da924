/**
 * OCSF 1.3.0 vocabulary for {@code AuditEvent}: the classes, activities, statuses and severities shellbus uses, and
 * the redaction rule for command lines. BEHAVIOR.md holds the same mapping as a table.
 */
package dev.shellbus.events.audit;
