package dev.shellbus.orchestrator.gateway.auth;

import java.net.URI;
import java.util.Objects;

/**
 * The settings of an OAuth2 client-credentials grant: the identity provider's token endpoint, the
 * client id and secret, and optionally the scope and audience to ask for (OpenShell's default
 * audience is {@code openshell-cli}; scopes such as {@code sandbox:read sandbox:write}). The secret
 * never appears in {@link #toString()}.
 *
 * @param tokenEndpoint the token URL, http or https
 * @param clientId the client id
 * @param clientSecret the client secret
 * @param scope space-separated scopes, empty for none
 * @param audience the audience parameter, empty for none
 */
public record ClientCredentials(URI tokenEndpoint, String clientId, String clientSecret, String scope, String audience) {
  public ClientCredentials {
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    String scheme = tokenEndpoint.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("token endpoint must be an http(s) URL, was " + tokenEndpoint);
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("client id must not be empty");
    }
    if (clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("client secret must not be empty");
    }
    scope = scope == null ? "" : scope.trim();
    audience = audience == null ? "" : audience.trim();
  }

  @Override
  public String toString() {
    return "ClientCredentials[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId
        + ", clientSecret=<redacted>, scope=" + scope + ", audience=" + audience + "]";
  }
}
