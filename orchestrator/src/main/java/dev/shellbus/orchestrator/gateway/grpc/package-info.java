/**
 * The gRPC adapter of the gateway port: {@link dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient}
 * over the generated Vert.x stubs, {@link dev.shellbus.orchestrator.gateway.grpc.GrpcStatusMapper} (the
 * one place gRPC status becomes our errors) and {@link dev.shellbus.orchestrator.gateway.grpc.RawGateway}
 * (the stubs, for the rare case). The only package of the orchestrator that imports {@code
 * dev.shellbus.gateway.v1}.
 */
package dev.shellbus.orchestrator.gateway.grpc;
