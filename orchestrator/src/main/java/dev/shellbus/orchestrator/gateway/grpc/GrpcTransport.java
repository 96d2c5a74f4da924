package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the Vert.x gRPC client for a {@link GatewayConnection}: HTTP/2 only, h2c with prior
 * knowledge for {@code http://}, TLS with ALPN for {@code https://} (PEM CA and client certificate
 * read through the Vert.x file system, never blocking an event loop), a raised inbound message cap,
 * larger HTTP/2 windows for exec output, frames of up to 256 KiB (so that an exec output message
 * arrives in one DATA frame and the gRPC deframer need not copy frames together), TCP keepalive and
 * a connect timeout. Vert.x 5.0 sends no
 * client HTTP/2 PINGs; the gateway pings every 20 s and closes dead connections from its side.
 *
 * <p>A TLS server name override is applied by giving the socket address that name with the
 * endpoint's IP: Vert.x then sends it as SNI and verifies the certificate against it while connecting
 * to the IP. A host name endpoint is resolved once, off the event loop, when the client is built.
 */
record GrpcTransport(GrpcClient client, SocketAddress address) {
  private static final int STREAM_WINDOW = 1024 * 1024;
  private static final int CONNECTION_WINDOW = 4 * 1024 * 1024;
  private static final int MAX_FRAME = 256 * 1024;

  static Future<GrpcTransport> connect(Vertx vertx, GatewayConnection connection) {
    HttpClientOptions http = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false)
        .setConnectTimeout((int) connection.connectTimeout().toMillis())
        .setTcpKeepAlive(true)
        .setHttp2KeepAliveTimeout((int) Math.max(1, connection.keepAliveTimeout().toSeconds()))
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW)
        .setInitialSettings(new Http2Settings().setInitialWindowSize(STREAM_WINDOW).setMaxFrameSize(MAX_FRAME));
    GrpcClientOptions grpc = new GrpcClientOptions().setMaxMessageSize(connection.maxInboundMessageBytes());
    if (!connection.tls()) {
      return address(vertx, connection).map(addr -> new GrpcTransport(GrpcClient.client(vertx, grpc, http), addr));
    }
    http.setSsl(true).setUseAlpn(true).setVerifyHost(true);
    Future<Optional<Buffer>> ca = read(vertx, connection.caPem());
    Future<Optional<Buffer>> cert = read(vertx, connection.clientCertPem());
    Future<Optional<Buffer>> key = read(vertx, connection.clientKeyPem());
    return Future.all(ca, cert, key).compose(all -> {
      ca.result().ifPresent(pem -> http.setTrustOptions(new PemTrustOptions().addCertValue(pem)));
      if (cert.result().isPresent() && key.result().isPresent()) {
        http.setKeyCertOptions(new PemKeyCertOptions().setCertValue(cert.result().get()).setKeyValue(key.result().get()));
      }
      return address(vertx, connection);
    }).map(addr -> new GrpcTransport(GrpcClient.client(vertx, grpc, http), addr));
  }

  private static Future<Optional<Buffer>> read(Vertx vertx, Optional<Path> file) {
    if (file.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String path = file.get().toString();
    return vertx.fileSystem().readFile(path)
        .map(Optional::of)
        .recover(e -> Future.failedFuture(new IllegalArgumentException("cannot read gateway TLS file " + path + ": " + e.getMessage(), e)));
  }

  private static Future<SocketAddress> address(Vertx vertx, GatewayConnection connection) {
    Optional<String> serverName = connection.serverName();
    if (serverName.isEmpty()) {
      return Future.succeededFuture(SocketAddress.inetSocketAddress(connection.port(), connection.host()));
    }
    return vertx.executeBlocking(() -> {
      InetAddress ip = InetAddress.getByName(connection.host());
      InetAddress named = InetAddress.getByAddress(serverName.get(), ip.getAddress());
      return SocketAddress.inetSocketAddress(new InetSocketAddress(named, connection.port()));
    }, false);
  }
}
