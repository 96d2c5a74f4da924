/** shellbus orchestrator module; see the module README for what it holds. */
package dev.shellbus.orchestrator;
