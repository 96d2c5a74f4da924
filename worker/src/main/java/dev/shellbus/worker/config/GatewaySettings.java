package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import dev.shellbus.orchestrator.retry.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code gateway.*} part of the configuration: where the gateway is, how to trust it and how to authenticate. At
 * most one kind of bearer token is configured: a static token, a token file, or OIDC client credentials.
 *
 * @param endpoint the URL or gateway name; empty for discovery
 * @param workspace the workspace of the worker's sandboxes
 * @param caFile CA bundle to trust
 * @param certFile client certificate for mTLS
 * @param keyFile client key for mTLS
 * @param serverName TLS server name override
 * @param token a static bearer token
 * @param tokenFile a file holding the bearer token, re-read on change
 * @param oidc client credentials
 * @param connectTimeout connect timeout
 * @param retry how calls that are safe to repeat are retried
 */
public record GatewaySettings(Optional<String> endpoint, String workspace, Optional<Path> caFile,
    Optional<Path> certFile, Optional<Path> keyFile, Optional<String> serverName, Optional<Secret> token,
    Optional<Path> tokenFile, Optional<OidcSettings> oidc, Duration connectTimeout, RetryPolicy retry) {

  static GatewaySettings from(ConfigValues v) {
    if (v.find(GATEWAY_CERT).isPresent() != v.find(GATEWAY_KEY).isPresent()) {
      throw new ConfigException(GATEWAY_CERT.name(), "gateway.tls.cert-file and gateway.tls.key-file go together");
    }
    Optional<Secret> token = v.text(GATEWAY_TOKEN).map(Secret::of);
    Optional<OidcSettings> oidc = OidcSettings.from(v);
    int kinds = (token.isPresent() ? 1 : 0) + (v.find(GATEWAY_TOKEN_FILE).isPresent() ? 1 : 0)
        + (oidc.isPresent() ? 1 : 0);
    if (kinds > 1) {
      throw new ConfigException(GATEWAY_TOKEN.name(), "set only one of gateway.token, gateway.token-file and "
          + "gateway.oidc.token-endpoint");
    }
    if (v.get(GATEWAY_RETRY_MAX).compareTo(v.get(GATEWAY_RETRY_INITIAL)) < 0) {
      throw new ConfigException(GATEWAY_RETRY_MAX.name(), "must be at least gateway.retry.initial-delay");
    }
    RetryPolicy retry = new RetryPolicy(v.get(GATEWAY_RETRY_INITIAL), 2.0, v.get(GATEWAY_RETRY_MAX),
        v.get(GATEWAY_RETRY_ATTEMPTS));
    return new GatewaySettings(v.text(GATEWAY_ENDPOINT), v.get(GATEWAY_WORKSPACE), v.find(GATEWAY_CA),
        v.find(GATEWAY_CERT), v.find(GATEWAY_KEY), v.text(GATEWAY_SERVER_NAME), token, v.find(GATEWAY_TOKEN_FILE),
        oidc, v.get(GATEWAY_CONNECT_TIMEOUT), retry);
  }

  /**
   * OAuth2 client credentials for the gateway's OIDC provider.
   *
   * @param tokenEndpoint the token URL
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scope scopes to ask for
   * @param audience the audience to ask for
   */
  public record OidcSettings(URI tokenEndpoint, String clientId, Secret clientSecret, String scope,
      String audience) {

    static Optional<OidcSettings> from(ConfigValues v) {
      Optional<String> endpoint = v.text(OIDC_TOKEN_ENDPOINT);
      if (endpoint.isEmpty()) {
        return Optional.empty();
      }
      URI uri;
      try {
        uri = URI.create(endpoint.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(OIDC_TOKEN_ENDPOINT.name(), "not a URL: " + e.getMessage());
      }
      String clientId = v.text(OIDC_CLIENT_ID)
          .orElseThrow(() -> new ConfigException(OIDC_CLIENT_ID.name(), "required with gateway.oidc.token-endpoint"));
      Secret secret = SecretFiles.resolve(v, OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE)
          .orElseThrow(() -> new ConfigException(OIDC_CLIENT_SECRET.name(), "required with "
              + "gateway.oidc.token-endpoint: set " + OIDC_CLIENT_SECRET.envName() + " or "
              + OIDC_CLIENT_SECRET_FILE.name()));
      return Optional.of(new OidcSettings(uri, clientId, secret, v.get(OIDC_SCOPE), v.get(OIDC_AUDIENCE)));
    }
  }
}
