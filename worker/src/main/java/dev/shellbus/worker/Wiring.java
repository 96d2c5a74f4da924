package dev.shellbus.worker;

import dev.shellbus.orchestrator.engine.EngineConfig;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.auth.ClientCredentials;
import dev.shellbus.orchestrator.gateway.auth.ClientCredentialsTokenSource;
import dev.shellbus.orchestrator.gateway.auth.FileTokenSource;
import dev.shellbus.orchestrator.gateway.auth.StaticTokenSource;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.connect.GatewayDiscovery;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import dev.shellbus.orchestrator.store.s3.S3Settings;
import dev.shellbus.worker.config.GatewaySettings;
import dev.shellbus.worker.config.KafkaSettings;
import dev.shellbus.worker.config.Secret;
import dev.shellbus.worker.config.StoreSettings;
import dev.shellbus.worker.config.WorkerConfig;
import dev.shellbus.worker.kafka.ConsumerOptions;
import dev.shellbus.worker.kafka.PublisherOptions;
import dev.shellbus.worker.kafka.TopicOptions;
import dev.shellbus.worker.process.ProcessorSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Turns the validated configuration into the options of each part: Kafka consumer, publisher and topics, the
 * gateway client (discovery, TLS, bearer tokens), the S3 settings, the engine and the processor.
 */
final class Wiring {

  private Wiring() {}

  static ConsumerOptions consumer(WorkerConfig c) {
    KafkaSettings k = c.kafka();
    Map<String, String> properties = new java.util.HashMap<>(k.clientProperties());
    if (k.staticMembership()) {
      properties.putIfAbsent(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, c.workerId());
    }
    return new ConsumerOptions(k.bootstrapServers(), k.groupId(), c.workerId(), k.topics(), k.maxInFlight(),
        k.maxQueuedBytes(), true, Duration.ofMillis(100), k.commitInterval(), k.revokeGrace(),
        k.maxRetainedStates(), properties);
  }

  static PublisherOptions publisher(WorkerConfig c) {
    KafkaSettings k = c.kafka();
    return new PublisherOptions(k.bootstrapServers(), "shellbus-" + c.workerId(), k.deliveryTimeout(),
        k.clientProperties());
  }

  static TopicOptions topics(WorkerConfig c) {
    KafkaSettings k = c.kafka();
    return new TopicOptions(k.bootstrapServers(), k.topics(), k.partitions(), k.replicationFactor(),
        k.stateRetention(), k.clientProperties());
  }

  static Map<String, Object> admin(WorkerConfig c) {
    Map<String, Object> props = new HashMap<>(c.kafka().clientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka().bootstrapServers());
    return props;
  }

  static EngineConfig engine(WorkerConfig c) {
    int inline = c.engine().inlineOutputBytes();
    return EngineConfig.defaults(c.store().bucket(), c.store().prefix()).withInline(inline, inline)
        .withCleanupGrace(c.engine().cleanupGrace()).withWorkspace(c.gateway().workspace())
        .withLogObjects(c.engine().logObjects()).withMaxSessionLifetime(c.engine().maxSessionLifetime());
  }

  static ProcessorSettings processor(WorkerConfig c, String version) {
    return new ProcessorSettings(c.workerId(), version, c.gateway().workspace(), c.engine().maxAttempts(),
        c.engine().defaultDeadline(), Duration.ofSeconds(30), c.engine().maxInlineTotalBytes());
  }

  static S3Settings s3(StoreSettings s) {
    return new S3Settings(s.endpoint(), s.region(), s.accessKey(), s.secretKey().map(Secret::reveal),
        s.pathStyle(), s.partSize(), S3Settings.minUploadBuffer(s.partSize()));
  }

  /** Finds the gateway (explicit endpoint, OPENSHELL_GATEWAY, CLI config) and applies TLS. */
  static Future<GatewayConnection> gatewayConnection(Vertx vertx, GatewaySettings g) {
    return GatewayDiscovery.system(vertx).resolve(g.endpoint()).compose(found -> {
      GatewayConnection.Builder b = found.toBuilder().connectTimeout(g.connectTimeout());
      g.caFile().ifPresent(b::caPem);
      if (g.certFile().isPresent() && g.keyFile().isPresent()) {
        b.clientCertificate(g.certFile().get(), g.keyFile().get());
      }
      g.serverName().ifPresent(b::serverName);
      try {
        return Future.succeededFuture(b.build());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new dev.shellbus.worker.config.ConfigException("gateway", e.getMessage(), e));
      }
    });
  }

  /** Connects to the gateway with bearer tokens from {@code tokens}, shared by every client of the worker. */
  static Future<GatewayClient> gateway(Vertx vertx, GatewayConnection connection, Optional<TokenSource> tokens) {
    return GrpcGatewayClient.connect(vertx, connection, tokens).map(client -> (GatewayClient) client);
  }

  /** The gateway's address for messages: scheme, host and port only. */
  static String address(GatewayConnection connection) {
    return (connection.tls() ? "https://" : "http://") + connection.host() + ":" + connection.port();
  }

  /** The store's address for messages: scheme, host and port of the endpoint (never user info), else AWS S3. */
  static String address(StoreSettings s) {
    return s.endpoint().map(uri -> uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":"
        + uri.getPort())).orElse("AWS S3 (region " + s.region() + ")");
  }

  /** The configured source of bearer tokens, if any: build it once, it may hold an HTTP client and a cache. */
  static Optional<TokenSource> tokens(Vertx vertx, GatewaySettings g) {
    if (g.token().isPresent()) {
      return Optional.of(new StaticTokenSource(g.token().get().reveal()));
    }
    if (g.tokenFile().isPresent()) {
      return Optional.of(new FileTokenSource(vertx, g.tokenFile().get()));
    }
    return g.oidc().map(o -> new ClientCredentialsTokenSource(vertx, new ClientCredentials(o.tokenEndpoint(),
        o.clientId(), o.clientSecret().reveal(), o.scope(), o.audience())));
  }
}
