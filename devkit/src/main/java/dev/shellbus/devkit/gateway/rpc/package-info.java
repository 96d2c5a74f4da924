/**
 * The gRPC surface of the dev gateway: routes for every RPC, the guard every call passes (request size,
 * authentication, read-only check, injected faults, status mapping) and the watch streams.
 */
package dev.shellbus.devkit.gateway.rpc;
