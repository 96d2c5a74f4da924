package dev.shellbus.devkit.conformance;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway the conformance suite qualifies, read once from the environment.
 *
 * <p>Without {@link #GATEWAY} the suite starts an in-process dev gateway with a bearer token. With it, the suite talks
 * to that address instead ({@code http://host:port} for h2c with prior knowledge, {@code https://host:port} for TLS
 * with ALPN), sending {@link #TOKEN} as {@code authorization: Bearer} and using the PEM files named by {@link #CA},
 * {@link #CERT} and {@link #KEY}. Invalid settings fail the run naming the variable; {@code toString} redacts the
 * token.
 *
 * @param gateway the external gateway, or empty for the in-process dev gateway
 * @param token the bearer token of the external gateway, if it checks one
 * @param caPem the PEM CA that signs the gateway's certificate; empty trusts the JVM's roots
 * @param certPem the PEM client certificate for mTLS, always together with {@code keyPem}
 * @param keyPem the PEM private key of {@code certPem}
 * @param workspace the workspace sandboxes are created in; empty means the gateway's {@code "default"}
 * @param image the image created sandboxes ask for; empty lets the gateway pick its default
 * @param readyTimeout how long a created sandbox may take to become READY
 */
record ConformanceSettings(Optional<URI> gateway, Optional<String> token, Optional<Path> caPem,
    Optional<Path> certPem, Optional<Path> keyPem, String workspace, Optional<String> image, Duration readyTimeout) {

  static final String GATEWAY = "SHELLBUS_CONFORMANCE_GATEWAY";
  static final String TOKEN = "SHELLBUS_CONFORMANCE_TOKEN";
  static final String CA = "SHELLBUS_CONFORMANCE_CA";
  static final String CERT = "SHELLBUS_CONFORMANCE_CERT";
  static final String KEY = "SHELLBUS_CONFORMANCE_KEY";
  static final String WORKSPACE = "SHELLBUS_CONFORMANCE_WORKSPACE";
  static final String IMAGE = "SHELLBUS_CONFORMANCE_IMAGE";
  static final String READY_TIMEOUT = "SHELLBUS_CONFORMANCE_READY_TIMEOUT_SECONDS";

  /** How long an external gateway's sandbox may take to become READY unless configured (image pulls are slow). */
  static final Duration EXTERNAL_READY_TIMEOUT = Duration.ofSeconds(180);
  /** How long a dev gateway sandbox may take to become READY (it takes 250 ms; the margin is for a loaded host). */
  static final Duration DEV_READY_TIMEOUT = Duration.ofSeconds(30);

  /** Reads the settings from {@code env}; fails naming the variable when one is unusable. */
  static ConformanceSettings from(Map<String, String> env) {
    Optional<URI> gateway = text(env, GATEWAY).map(ConformanceSettings::endpoint);
    Optional<Path> ca = text(env, CA).map(value -> pem(CA, value));
    Optional<Path> cert = text(env, CERT).map(value -> pem(CERT, value));
    Optional<Path> key = text(env, KEY).map(value -> pem(KEY, value));
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException(CERT + " and " + KEY + " must be set together (a client certificate and its"
          + " private key for mTLS)");
    }
    boolean tlsFiles = ca.isPresent() || cert.isPresent();
    if (tlsFiles && !gateway.map(uri -> uri.getScheme().equals("https")).orElse(false)) {
      throw new IllegalArgumentException(CA + ", " + CERT + " and " + KEY + " need " + GATEWAY
          + " to be an https:// address");
    }
    Duration ready = text(env, READY_TIMEOUT).map(ConformanceSettings::seconds)
        .orElse(gateway.isPresent() ? EXTERNAL_READY_TIMEOUT : DEV_READY_TIMEOUT);
    return new ConformanceSettings(gateway, text(env, TOKEN), ca, cert, key, text(env, WORKSPACE).orElse(""),
        text(env, IMAGE), ready);
  }

  /** Returns whether the suite runs against a gateway it did not start. */
  boolean external() {
    return gateway.isPresent();
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
  }

  private static URI endpoint(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException(GATEWAY + " is not a URI: " + value, malformed);
    }
    boolean schemeOk = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!schemeOk || uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException(GATEWAY + " must look like http://host:port (h2c) or https://host:port"
          + " (TLS), got " + value);
    }
    return uri;
  }

  private static Path pem(String name, String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(name + " names a file that cannot be read: " + value);
    }
    return path;
  }

  private static Duration seconds(String value) {
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 1) {
        throw new NumberFormatException("not positive");
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException bad) {
      throw new IllegalArgumentException(READY_TIMEOUT + " must be a positive number of seconds, got " + value, bad);
    }
  }

  @Override
  public String toString() {
    return "ConformanceSettings{gateway=" + gateway.map(URI::toString).orElse("in-process dev gateway") + ", token="
        + (token.isPresent() ? "REDACTED" : "none") + ", ca=" + caPem.orElse(null) + ", cert=" + certPem.orElse(null)
        + ", workspace=" + (workspace.isEmpty() ? "default" : workspace) + ", image=" + image.orElse("gateway default")
        + ", readyTimeout=" + readyTimeout + "}";
  }
}
