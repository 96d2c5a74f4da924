package dev.shellbus.orchestrator.gateway.auth;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Bearer tokens from an OAuth2 client-credentials grant: a form POST of {@code
 * grant_type=client_credentials}, the client id and secret, and the optional scope and audience to
 * the token endpoint, with the Vert.x HTTP client. The token is cached and fetched again ahead of
 * expiry: at 80% of {@code expires_in} or 30 s before expiry, whichever comes first, but never
 * before half its lifetime has passed (a missing {@code expires_in} counts as 300 s). Concurrent
 * callers share one request in flight. An unreachable endpoint or a 5xx answer is {@code
 * GATEWAY_UNAVAILABLE} and a 429 {@code RESOURCE_EXHAUSTED}, both transient; any other error is {@code
 * UNAUTHENTICATED}, final. Neither the secret nor a token is ever logged.
 */
public final class ClientCredentialsTokenSource implements TokenSource {
  private static final long DEFAULT_TTL_SECONDS = 300;
  private static final long REQUEST_TIMEOUT_MS = 10_000;

  private final ClientCredentials credentials;
  private final HttpClient http;
  private final Clock clock;
  private String token;
  private Instant refreshAt = Instant.MIN;
  private Future<String> inFlight;

  /** A source using a default HTTP client (JDK trust roots for https endpoints) and the system clock. */
  public ClientCredentialsTokenSource(Vertx vertx, ClientCredentials credentials) {
    this(vertx, credentials, new HttpClientOptions(), Clock.systemUTC());
  }

  /** A source with its own HTTP client options (for a private CA) and clock (tests move it). */
  public ClientCredentialsTokenSource(Vertx vertx, ClientCredentials credentials, HttpClientOptions options, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.http = vertx.createHttpClient(new HttpClientOptions(options).setConnectTimeout((int) REQUEST_TIMEOUT_MS));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Future<String> token() {
    if (token != null && clock.instant().isBefore(refreshAt)) {
      return Future.succeededFuture(token);
    }
    return fetch();
  }

  @Override
  public Future<String> refresh() {
    return fetch();
  }

  @Override
  public boolean canRefresh() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }

  private synchronized Future<String> fetch() {
    if (inFlight == null) {
      Future<String> request = post();
      inFlight = request;
      request.onComplete(ar -> clearInFlight(request));
    }
    return inFlight;
  }

  private synchronized void clearInFlight(Future<String> done) {
    if (inFlight == done) {
      inFlight = null;
    }
  }

  private Future<String> post() {
    Instant sentAt = clock.instant();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(credentials.tokenEndpoint().toString())
        .putHeader("content-type", "application/x-www-form-urlencoded")
        .putHeader("accept", "application/json")
        .setTimeout(REQUEST_TIMEOUT_MS);
    // The body is asked for inside send's own callback, never in a second compose stage: called
    // from a thread outside Vert.x, a later stage can run after the response has ended, and the
    // body's future then never completes (eclipse-vertx/vert.x#4705, #6038).
    return http.request(options)
        .compose(req -> req.send(Buffer.buffer(form()))
            .compose(resp -> resp.body().map(body -> new Answer(resp.statusCode(), body))))
        .recover(e -> Future.failedFuture(failure(FailureCode.GATEWAY_UNAVAILABLE, "cannot reach the token endpoint: " + e.getMessage(), e)))
        .compose(answer -> accept(answer, sentAt));
  }

  private Future<String> accept(Answer answer, Instant sentAt) {
    JsonObject json;
    try {
      json = answer.body.length() == 0 ? new JsonObject() : new JsonObject(answer.body);
    } catch (RuntimeException e) {
      json = new JsonObject();
    }
    if (answer.status != 200) {
      String error = json.getString("error", "");
      return Future.failedFuture(failure(codeOf(answer.status), "token endpoint answered " + answer.status + (error.isEmpty() ? "" : " " + error), null));
    }
    String value = json.getString("access_token", "");
    if (value.isEmpty()) {
      return Future.failedFuture(failure(FailureCode.UNAUTHENTICATED, "token endpoint answer has no access_token", null));
    }
    Object ttlField = json.getValue("expires_in");
    long ttl = ttlField instanceof Number n ? n.longValue() : DEFAULT_TTL_SECONDS;
    synchronized (this) {
      token = value;
      refreshAt = sentAt.plus(refreshAfter(Duration.ofSeconds(Math.max(1, ttl))));
    }
    return Future.succeededFuture(value);
  }

  /** When to fetch again: min(80% of the lifetime, lifetime - 30 s), but not before half of it. */
  static Duration refreshAfter(Duration ttl) {
    long ms = ttl.toMillis();
    long early = Math.min(ms * 8 / 10, ms - 30_000);
    return Duration.ofMillis(Math.max(ms / 2, early));
  }

  private String form() {
    StringBuilder body = new StringBuilder("grant_type=client_credentials");
    append(body, "client_id", credentials.clientId());
    append(body, "client_secret", credentials.clientSecret());
    if (!credentials.scope().isEmpty()) {
      append(body, "scope", credentials.scope());
    }
    if (!credentials.audience().isEmpty()) {
      append(body, "audience", credentials.audience());
    }
    return body.toString();
  }

  private static void append(StringBuilder body, String key, String value) {
    body.append('&').append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /** A refusal is UNAUTHENTICATED (final); a failing or throttling endpoint is transient like an unreachable one. */
  private static FailureCode codeOf(int status) {
    if (status == 429) {
      return FailureCode.RESOURCE_EXHAUSTED;
    }
    return status >= 500 ? FailureCode.GATEWAY_UNAVAILABLE : FailureCode.UNAUTHENTICATED;
  }

  private ShellbusException failure(FailureCode code, String what, Throwable cause) {
    return new ShellbusException(code, "OIDC client credentials for " + credentials.clientId() + ": " + what, cause);
  }

  @Override
  public String toString() {
    return "ClientCredentialsTokenSource[" + credentials + "]";
  }

  private record Answer(int status, Buffer body) {}
}
