package dev.shellbus.worker.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.micrometer.PrometheusRequestHandler;

/**
 * The management port, a plain Vert.x {@link HttpServer} (no vertx-web): {@code /health/live} answers 200 while the
 * process serves at all; {@code /health/ready} answers 200 or 503 with the {@link Readiness} document; {@code
 * /metrics} serves the Prometheus registry. Anything else is 404.
 */
public final class ManagementServer {

  private final Vertx vertx;
  private final Readiness readiness;
  private final Handler<HttpServerRequest> scrape;
  private HttpServer server;

  /** Creates the server; nothing listens before {@link #start}. */
  public ManagementServer(Vertx vertx, Readiness readiness, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.readiness = readiness;
    this.scrape = PrometheusRequestHandler.create(registry);
  }

  /** Listens on {@code host:port} (0 for a free port); answers the bound port. */
  public Future<Integer> start(String host, int port) {
    server = vertx.createHttpServer().requestHandler(this::route);
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  private void route(HttpServerRequest req) {
    switch (req.path()) {
      case "/metrics" -> scrape.handle(req);
      case "/health/live" -> json(req, 200, "{\"status\":\"UP\"}");
      case "/health/ready" -> json(req, readiness.ready() ? 200 : 503, readiness.describe().encode());
      default -> req.response().setStatusCode(404).end();
    }
  }

  private static void json(HttpServerRequest req, int status, String body) {
    req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  /** Stops listening. */
  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
