/**
 * The exec part of the dev gateway: ExecSandbox and ExecSandboxInteractive run real commands for a sandbox, isolated
 * with bubblewrap (or plain processes, or a scripted simulation for load tests), with gRPC flow control end to end.
 *
 * <p>The gateway core hands calls to {@link dev.shellbus.devkit.gateway.exec.ExecService} and describes sandboxes
 * through {@link dev.shellbus.devkit.gateway.exec.ExecTargets}; nothing in this package knows the sandbox store.
 */
package dev.shellbus.devkit.gateway.exec;
