/**
 * The behaviour of the dev gateway behind its RPCs: sandbox CRUD, the lifecycle timers that drive the phase machine
 * and the faults, providers, workspaces and the gateway's own sandbox log lines.
 */
package dev.shellbus.devkit.gateway.service;
