package dev.shellbus.orchestrator.gateway.auth;

import io.vertx.core.Future;

/**
 * Where OIDC bearer tokens for the gateway come from. The gRPC adapter asks for a token before every
 * call and sends it as {@code authorization: Bearer <token>}; when the gateway answers {@code
 * UNAUTHENTICATED} and the source {@link #canRefresh() can refresh}, it asks for a {@link #refresh()
 * fresh} token and tries the call once more (as OpenShell's Rust SDK does). Implementations never log
 * a token and their {@code toString} redacts it. Methods are called on a Vert.x context and must not
 * block it.
 */
public interface TokenSource {

  /** A currently valid token, cached when possible. */
  Future<String> token();

  /** A token obtained anew, bypassing any cache; by default the same as {@link #token()}. */
  default Future<String> refresh() {
    return token();
  }

  /** Whether {@link #refresh()} can yield a different token (false for a static token). */
  default boolean canRefresh() {
    return false;
  }

  /** Releases any resources (an HTTP client for a token endpoint, for example). */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** A source that always answers the given token. */
  static TokenSource fixed(String token) {
    return new StaticTokenSource(token);
  }
}
