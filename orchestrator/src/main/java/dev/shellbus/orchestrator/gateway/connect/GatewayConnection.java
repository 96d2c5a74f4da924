package dev.shellbus.orchestrator.gateway.connect;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one OpenShell gateway: the endpoint and the transport security. Immutable and
 * validated when built. An {@code http://} endpoint is plaintext HTTP/2 with prior knowledge (h2c);
 * an {@code https://} endpoint is TLS with ALPN h2, trusting the CA PEM when one is given (the JDK
 * roots otherwise) and presenting a client certificate when a certificate and key PEM are given
 * (mTLS). Bearer tokens are not part of this: they come from a {@code TokenSource}. {@link
 * #toString()} names files but never their content.
 */
public final class GatewayConnection {
  /** The default inbound message cap: 64 MiB, because sandbox lists carrying policies can be large. */
  public static final long DEFAULT_MAX_INBOUND_BYTES = 64L * 1024 * 1024;

  private final URI endpoint;
  private final Optional<Path> caPem;
  private final Optional<Path> clientCertPem;
  private final Optional<Path> clientKeyPem;
  private final Optional<String> serverName;
  private final long maxInboundMessageBytes;
  private final Duration connectTimeout;
  private final Duration keepAliveTimeout;
  private final String authMode;
  private final String source;

  private GatewayConnection(Builder b) {
    this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("gateway endpoint must be http:// or https://, was " + endpoint);
    }
    if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
      throw new IllegalArgumentException("gateway endpoint has no host: " + endpoint);
    }
    if (b.clientCertPem.isPresent() != b.clientKeyPem.isPresent()) {
      throw new IllegalArgumentException("gateway client certificate and key must be given together");
    }
    boolean tls = scheme.equals("https");
    if (!tls && (b.caPem.isPresent() || b.clientCertPem.isPresent() || b.serverName.isPresent())) {
      throw new IllegalArgumentException("gateway TLS files and server name need an https:// endpoint, was " + endpoint);
    }
    if (b.maxInboundMessageBytes < 1024 || b.maxInboundMessageBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("gateway maxInboundMessageBytes out of range: " + b.maxInboundMessageBytes);
    }
    this.caPem = b.caPem;
    this.clientCertPem = b.clientCertPem;
    this.clientKeyPem = b.clientKeyPem;
    this.serverName = b.serverName;
    this.maxInboundMessageBytes = b.maxInboundMessageBytes;
    this.connectTimeout = requirePositive(b.connectTimeout, "connectTimeout");
    this.keepAliveTimeout = requirePositive(b.keepAliveTimeout, "keepAliveTimeout");
    this.authMode = b.authMode == null ? "" : b.authMode;
    this.source = b.source == null ? "explicit" : b.source;
  }

  private static Duration requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("gateway " + name + " must be positive");
    }
    return d;
  }

  /** A builder for the given endpoint URL, e.g. {@code http://127.0.0.1:17670}. */
  public static Builder builder(String endpoint) {
    return new Builder().endpoint(URI.create(endpoint.trim()));
  }

  /** A plaintext or TLS connection to the endpoint with every other setting at its default. */
  public static GatewayConnection of(String endpoint) {
    return builder(endpoint).build();
  }

  /** A builder that starts from this connection's settings. */
  public Builder toBuilder() {
    Builder b = new Builder().endpoint(endpoint).maxInboundMessageBytes(maxInboundMessageBytes)
        .connectTimeout(connectTimeout).keepAliveTimeout(keepAliveTimeout).authMode(authMode).source(source);
    b.caPem = caPem;
    b.clientCertPem = clientCertPem;
    b.clientKeyPem = clientKeyPem;
    b.serverName = serverName;
    return b;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Whether the connection uses TLS (an https:// endpoint). */
  public boolean tls() {
    return endpoint.getScheme().equalsIgnoreCase("https");
  }

  public String host() {
    String host = endpoint.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The endpoint's port, or 443 / 80 when the URL names none. */
  public int port() {
    return endpoint.getPort() > 0 ? endpoint.getPort() : tls() ? 443 : 80;
  }

  public Optional<Path> caPem() {
    return caPem;
  }

  public Optional<Path> clientCertPem() {
    return clientCertPem;
  }

  public Optional<Path> clientKeyPem() {
    return clientKeyPem;
  }

  /** The TLS server name to verify and send as SNI instead of the endpoint host, when set. */
  public Optional<String> serverName() {
    return serverName;
  }

  public long maxInboundMessageBytes() {
    return maxInboundMessageBytes;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long an idle pooled HTTP/2 connection is kept; TCP keepalive is always on. */
  public Duration keepAliveTimeout() {
    return keepAliveTimeout;
  }

  /** The gateway's auth mode as its CLI metadata names it (for example {@code mtls}), empty when unknown. */
  public String authMode() {
    return authMode;
  }

  /** Where these settings came from, for the startup log line. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "GatewayConnection[endpoint=" + endpoint
        + ", ca=" + caPem.map(Path::toString).orElse("-")
        + ", clientCert=" + clientCertPem.map(Path::toString).orElse("-")
        + ", clientKey=" + (clientKeyPem.isPresent() ? "<file>" : "-")
        + ", serverName=" + serverName.orElse("-")
        + ", authMode=" + (authMode.isEmpty() ? "-" : authMode)
        + ", source=" + source + "]";
  }

  /** Builds a {@link GatewayConnection}; {@link #build()} validates. */
  public static final class Builder {
    private URI endpoint;
    private Optional<Path> caPem = Optional.empty();
    private Optional<Path> clientCertPem = Optional.empty();
    private Optional<Path> clientKeyPem = Optional.empty();
    private Optional<String> serverName = Optional.empty();
    private long maxInboundMessageBytes = DEFAULT_MAX_INBOUND_BYTES;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration keepAliveTimeout = Duration.ofSeconds(60);
    private String authMode = "";
    private String source;

    private Builder() {}

    public Builder endpoint(URI value) {
      this.endpoint = value;
      return this;
    }

    /** Trust this CA bundle (PEM) instead of the JDK roots. */
    public Builder caPem(Path value) {
      this.caPem = Optional.of(value);
      return this;
    }

    /** Present this client certificate and key (both PEM) for mTLS. */
    public Builder clientCertificate(Path certPem, Path keyPem) {
      this.clientCertPem = Optional.of(certPem);
      this.clientKeyPem = Optional.of(keyPem);
      return this;
    }

    public Builder serverName(String value) {
      this.serverName = Optional.ofNullable(value).filter(s -> !s.isBlank());
      return this;
    }

    public Builder maxInboundMessageBytes(long value) {
      this.maxInboundMessageBytes = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    public Builder keepAliveTimeout(Duration value) {
      this.keepAliveTimeout = value;
      return this;
    }

    public Builder authMode(String value) {
      this.authMode = value;
      return this;
    }

    public Builder source(String value) {
      this.source = value;
      return this;
    }

    public GatewayConnection build() {
      return new GatewayConnection(this);
    }
  }
}
