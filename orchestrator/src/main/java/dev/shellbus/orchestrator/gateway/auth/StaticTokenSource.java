package dev.shellbus.orchestrator.gateway.auth;

import io.vertx.core.Future;

/** A token given once, from configuration (an env var or a secret file read at startup). */
public final class StaticTokenSource implements TokenSource {
  private final String token;

  /** A source for the given token (surrounding whitespace is trimmed). */
  public StaticTokenSource(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("bearer token must not be empty");
    }
    this.token = token.trim();
  }

  @Override
  public Future<String> token() {
    return Future.succeededFuture(token);
  }

  @Override
  public String toString() {
    return "StaticTokenSource[<redacted>]";
  }
}
