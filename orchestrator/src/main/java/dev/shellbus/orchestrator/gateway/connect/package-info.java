/**
 * How to reach a gateway: the immutable {@link dev.shellbus.orchestrator.gateway.connect.GatewayConnection}
 * (endpoint, plaintext or TLS/mTLS, message size, keepalive) and {@link
 * dev.shellbus.orchestrator.gateway.connect.GatewayDiscovery}, which finds it the way OpenShell's CLI
 * and SDKs do.
 */
package dev.shellbus.orchestrator.gateway.connect;
