/**
 * The dev gateway: an in-process server speaking the OpenShell gateway contract ({@code openshell.v1.OpenShell}),
 * with sandboxes as local directories and exec commands as bubblewrap-isolated processes.
 *
 * <p>{@link dev.shellbus.devkit.gateway.DevGateway} is the entry point, configured by
 * {@link dev.shellbus.devkit.gateway.DevGatewayOptions}; {@link dev.shellbus.devkit.gateway.DevGatewayMain} runs it
 * alone. {@link dev.shellbus.devkit.gateway.GatewayException} is the one place a failure becomes a gRPC status, for
 * the core and the exec engine alike.
 */
package dev.shellbus.devkit.gateway;
