package dev.shellbus.orchestrator.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourcesTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    try {
      await(f);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void staticTokenIsTrimmedAndNeverPrinted() throws Exception {
    TokenSource source = TokenSource.fixed("  s3cr3t-token \n");
    assertThat(await(source.token())).isEqualTo("s3cr3t-token");
    assertThat(source.canRefresh()).isFalse();
    assertThat(source.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void tokenFileIsReadAgainWhenItChanges() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "first\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
    FileTokenSource source = new FileTokenSource(vertx, file);
    assertThat(await(source.token())).isEqualTo("first");
    Files.writeString(file, "second");
    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
    assertThat(await(source.token())).isEqualTo("second");
    assertThat(source.toString()).doesNotContain("second");
  }

  @Test
  void missingOrEmptyTokenFileIsUnauthenticated() throws Exception {
    Throwable missing = failureOf(new FileTokenSource(vertx, dir.resolve("absent")).token());
    assertThat(((ShellbusException) missing).code()).isEqualTo(FailureCode.UNAUTHENTICATED);
    Path empty = Files.writeString(dir.resolve("empty"), "  ");
    assertThat(failureOf(new FileTokenSource(vertx, empty).token())).hasMessageContaining("empty");
  }

  @Test
  void clientCredentialsPostsTheFormCachesAndRefreshesBeforeExpiry() throws Exception {
    List<MultiMap> forms = new CopyOnWriteArrayList<>();
    AtomicInteger issued = new AtomicInteger();
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> {
      req.setExpectMultipart(true);
      req.endHandler(v -> {
        forms.add(MultiMap.caseInsensitiveMultiMap().addAll(req.formAttributes()));
        req.response().putHeader("content-type", "application/json")
            .end(new JsonObject().put("access_token", "tok-" + issued.incrementAndGet()).put("expires_in", 300).put("token_type", "Bearer").encode());
      });
    }).listen(0, "127.0.0.1"));
    MovableClock clock = new MovableClock();
    ClientCredentials creds = new ClientCredentials(URI.create("http://127.0.0.1:" + server.actualPort() + "/token"),
        "shellbus", "very-secret", "sandbox:read sandbox:write", "openshell-cli");
    ClientCredentialsTokenSource source = new ClientCredentialsTokenSource(vertx, creds, new HttpClientOptions(), clock);

    assertThat(await(source.token())).isEqualTo("tok-1");
    assertThat(forms.get(0).get("grant_type")).isEqualTo("client_credentials");
    assertThat(forms.get(0).get("client_id")).isEqualTo("shellbus");
    assertThat(forms.get(0).get("client_secret")).isEqualTo("very-secret");
    assertThat(forms.get(0).get("scope")).isEqualTo("sandbox:read sandbox:write");
    assertThat(forms.get(0).get("audience")).isEqualTo("openshell-cli");

    clock.advance(Duration.ofSeconds(200));
    assertThat(await(source.token())).as("cached until 80% of 300 s").isEqualTo("tok-1");
    clock.advance(Duration.ofSeconds(41));
    assertThat(await(source.token())).as("refreshed ahead of expiry").isEqualTo("tok-2");
    assertThat(await(source.refresh())).as("a forced refresh always asks again").isEqualTo("tok-3");
    assertThat(source.toString()).doesNotContain("very-secret").doesNotContain("tok-");
    await(source.close());
  }

  @Test
  void tokenEndpointErrorsAreUnauthenticatedAndRetryableOnlyWhenTheServerFailed() throws Exception {
    AtomicInteger status = new AtomicInteger(401);
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(req -> req.response().setStatusCode(status.get()).end("{\"error\":\"invalid_client\"}"))
        .listen(0, "127.0.0.1"));
    ClientCredentials creds = new ClientCredentials(URI.create("http://127.0.0.1:" + server.actualPort() + "/token"), "c", "s", "", "");
    ClientCredentialsTokenSource source = new ClientCredentialsTokenSource(vertx, creds, new HttpClientOptions(), Clock.systemUTC());
    ShellbusException denied = (ShellbusException) failureOf(source.token());
    assertThat(denied.code()).isEqualTo(FailureCode.UNAUTHENTICATED);
    assertThat(denied.retryable()).isFalse();
    assertThat(denied.getMessage()).contains("401", "invalid_client").doesNotContain("\"s\"");
    status.set(503);
    assertThat(((ShellbusException) failureOf(source.token())).retryable()).isTrue();
  }

  @Test
  void refreshPointIsEightyPercentOrThirtySecondsBeforeButNotBeforeHalfway() {
    assertThat(ClientCredentialsTokenSource.refreshAfter(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(240));
    assertThat(ClientCredentialsTokenSource.refreshAfter(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(70));
    assertThat(ClientCredentialsTokenSource.refreshAfter(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void clientCredentialsToStringRedactsTheSecret() {
    ClientCredentials creds = new ClientCredentials(URI.create("https://idp/token"), "id", "hunter2", null, null);
    assertThat(creds.toString()).doesNotContain("hunter2").contains("<redacted>");
  }
}
