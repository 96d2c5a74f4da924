package dev.shellbus.orchestrator.store.s3;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of an S3 server that answers the first {@code failures} PUTs with 503 SlowDown, as a loaded
 * S3 does, and forwards every other request unchanged (the Host header too, so SigV4 signatures still match).
 * Bodies are buffered: for small test objects only.
 */
final class FlakyS3Proxy implements AutoCloseable {
  private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
      + "<Message>Please reduce your request rate.</Message></Error>";

  private final HttpServer server;
  private final HttpClient client;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger puts = new AtomicInteger();

  private FlakyS3Proxy(HttpServer server, HttpClient client, int failures) {
    this.server = server;
    this.client = client;
    this.failuresLeft = new AtomicInteger(failures);
  }

  static FlakyS3Proxy start(Vertx vertx, URI target, int failures) {
    HttpClient client = vertx.createHttpClient();
    // Part uploads ask for "Expect: 100-continue" and send their body only after the 100.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true));
    FlakyS3Proxy proxy = new FlakyS3Proxy(server, client, failures);
    server.requestHandler(request -> proxy.handle(request, target));
    server.listen(0, "127.0.0.1").await();
    return proxy;
  }

  /** The endpoint to give the store. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** How many PUTs arrived, answered or forwarded. */
  int puts() {
    return puts.get();
  }

  private void handle(HttpServerRequest in, URI target) {
    in.body().onSuccess(body -> {
      if (in.method() == HttpMethod.PUT) {
        puts.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
          in.response().setStatusCode(503).putHeader("content-type", "application/xml").end(SLOW_DOWN);
          return;
        }
      }
      forward(in, body, target);
    });
  }

  private void forward(HttpServerRequest in, Buffer body, URI target) {
    RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(target.getHost())
        .setPort(target.getPort()).setURI(in.uri());
    client.request(options).compose(out -> {
      out.headers().setAll(in.headers());
      out.headers().remove("transfer-encoding");
      out.headers().remove("expect");
      out.authority(in.authority());
      return out.send(body).compose(response -> response.body().map(bytes -> {
        in.response().setStatusCode(response.statusCode()).headers().setAll(response.headers());
        in.response().headers().remove("transfer-encoding");
        in.response().end(bytes);
        return null;
      }));
    }).onFailure(e -> in.response().setStatusCode(502).end(String.valueOf(e)));
  }

  @Override
  public void close() {
    server.close().await();
    client.close().await();
  }
}
