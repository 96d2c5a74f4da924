package dev.shellbus.devkit.conformance;

/**
 * A call that ended without any gRPC status: the connection, the TLS handshake or the HTTP/2 stream failed, or the
 * client's own deadline passed first.
 */
final class GatewayUnreachable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  GatewayUnreachable(String rpc, Throwable cause) {
    super(rpc + " got no gRPC status: " + cause, cause);
  }
}
