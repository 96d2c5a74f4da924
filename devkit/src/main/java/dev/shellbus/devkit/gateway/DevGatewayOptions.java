package dev.shellbus.devkit.gateway;

import dev.shellbus.devkit.gateway.exec.ExecOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable configuration of one dev gateway, validated when it is built.
 *
 * <p>Defaults suit tests: loopback, an ephemeral port, a temporary data directory, plaintext h2c and no
 * authentication. {@code toString} redacts the tokens.
 */
public final class DevGatewayOptions {

  /** The version Health and GetGatewayInfo report unless another is configured. */
  public static final String DEFAULT_VERSION = "0.1.0-shellbus-dev";
  /** The image recorded for sandboxes that name none; the dev gateway never pulls it. */
  public static final String DEFAULT_IMAGE = "ghcr.io/nvidia/openshell-community/sandboxes/base:latest";
  /** The port of the standalone dev gateway, the same as a local OpenShell gateway. */
  public static final int STANDALONE_PORT = 17670;

  private final String host;
  private final int port;
  private final Path dataDir;
  private final Duration readyDelay;
  private final Duration stopDelay;
  private final Duration deleteDelay;
  private final String bearerToken;
  private final String readOnlyToken;
  private final Path tlsCert;
  private final Path tlsKey;
  private final Path clientCa;
  private final List<ProviderConfig> providers;
  private final Set<String> workspaces;
  private final String version;
  private final String defaultImage;
  private final int watchBufferLimit;
  private final FaultOptions faults;
  private final ExecOptions exec;

  private DevGatewayOptions(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.dataDir = b.dataDir;
    this.readyDelay = b.readyDelay;
    this.stopDelay = b.stopDelay;
    this.deleteDelay = b.deleteDelay;
    this.bearerToken = b.bearerToken;
    this.readOnlyToken = b.readOnlyToken;
    this.tlsCert = b.tlsCert;
    this.tlsKey = b.tlsKey;
    this.clientCa = b.clientCa;
    this.providers = List.copyOf(b.providers);
    this.workspaces = Set.copyOf(b.workspaces);
    this.version = b.version;
    this.defaultImage = b.defaultImage;
    this.watchBufferLimit = b.watchBufferLimit;
    this.faults = b.faults;
    this.exec = b.exec;
  }

  /** Returns the defaults. */
  public static DevGatewayOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.dataDir = dataDir;
    b.readyDelay = readyDelay;
    b.stopDelay = stopDelay;
    b.deleteDelay = deleteDelay;
    b.bearerToken = bearerToken;
    b.readOnlyToken = readOnlyToken;
    b.tlsCert = tlsCert;
    b.tlsKey = tlsKey;
    b.clientCa = clientCa;
    b.providers.addAll(providers);
    b.workspaces.addAll(workspaces);
    b.version = version;
    b.defaultImage = defaultImage;
    b.watchBufferLimit = watchBufferLimit;
    b.faults = faults;
    b.exec = exec;
    return b;
  }

  /** Returns the address to bind (default {@code 127.0.0.1}). */
  public String host() {
    return host;
  }

  /** Returns the port to bind; 0 (the default) picks a free one. */
  public int port() {
    return port;
  }

  /** Returns the directory that holds one private directory per sandbox; empty means a temporary directory. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /** Returns how long a sandbox stays PROVISIONING (or STARTING) before it becomes READY. */
  public Duration readyDelay() {
    return readyDelay;
  }

  /** Returns how long StopSandbox takes to stop compute. */
  public Duration stopDelay() {
    return stopDelay;
  }

  /** Returns how long a deleted sandbox stays DELETING before its record is removed. */
  public Duration deleteDelay() {
    return deleteDelay;
  }

  /** Returns the bearer token every RPC but Health must carry, if authentication by token is on. */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(bearerToken);
  }

  /** Returns a second token whose holder may only read: write RPCs answer PERMISSION_DENIED. */
  public Optional<String> readOnlyToken() {
    return Optional.ofNullable(readOnlyToken);
  }

  /** Returns the PEM server certificate; with {@link #tlsKey()} it turns TLS on. */
  public Optional<Path> tlsCert() {
    return Optional.ofNullable(tlsCert);
  }

  /** Returns the PEM private key of {@link #tlsCert()}. */
  public Optional<Path> tlsKey() {
    return Optional.ofNullable(tlsKey);
  }

  /** Returns the PEM CA that signs client certificates; it turns mTLS on. */
  public Optional<Path> clientCa() {
    return Optional.ofNullable(clientCa);
  }

  /** Returns whether any credential is checked, by token or by client certificate. */
  public boolean authenticationEnabled() {
    return bearerToken != null || readOnlyToken != null || clientCa != null;
  }

  /** Returns the providers created at startup. */
  public List<ProviderConfig> providers() {
    return providers;
  }

  /** Returns the workspaces that exist besides {@code "default"}. */
  public Set<String> workspaces() {
    return workspaces;
  }

  /** Returns the gateway version that Health and GetGatewayInfo report. */
  public String version() {
    return version;
  }

  /** Returns the image recorded for sandboxes that name none. */
  public String defaultImage() {
    return defaultImage;
  }

  /** Returns how many messages a slow watcher may have queued before its stream ends with RESOURCE_EXHAUSTED. */
  public int watchBufferLimit() {
    return watchBufferLimit;
  }

  /** Returns the faults injected from startup on. */
  public FaultOptions faults() {
    return faults;
  }

  /** Returns the settings of the exec engine, passed through to it unchanged. */
  public ExecOptions exec() {
    return exec;
  }

  @Override
  public String toString() {
    return "DevGatewayOptions{host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", readyDelay=" + readyDelay
        + ", stopDelay=" + stopDelay + ", deleteDelay=" + deleteDelay + ", bearerToken="
        + (bearerToken == null ? "none" : "REDACTED") + ", readOnlyToken=" + (readOnlyToken == null ? "none" : "REDACTED")
        + ", tlsCert=" + tlsCert + ", clientCa=" + clientCa + ", providers=" + providers + ", workspaces=" + workspaces
        + ", version=" + version + ", faults=" + faults + ", exec=" + exec + "}";
  }

  /** Collects and validates dev gateway options; every setter names the key it rejects. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDir;
    private Duration readyDelay = Duration.ofMillis(250);
    private Duration stopDelay = Duration.ofMillis(100);
    private Duration deleteDelay = Duration.ofMillis(100);
    private String bearerToken;
    private String readOnlyToken;
    private Path tlsCert;
    private Path tlsKey;
    private Path clientCa;
    private final List<ProviderConfig> providers = new ArrayList<>();
    private final Set<String> workspaces = new LinkedHashSet<>();
    private String version = DEFAULT_VERSION;
    private String defaultImage = DEFAULT_IMAGE;
    private int watchBufferLimit = 1024;
    private FaultOptions faults = FaultOptions.none();
    private ExecOptions exec = ExecOptions.defaults();

    private Builder() {}

    /** Sets the bind address (default {@code 127.0.0.1}). */
    public Builder host(String value) {
      host = requireText("gateway.host", value);
      return this;
    }

    /** Sets the port; 0 picks a free one (default 0). */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("gateway.port must be within [0, 65535], got " + value);
      }
      port = value;
      return this;
    }

    /** Sets the data directory; {@code null} means a temporary directory removed at stop (default). */
    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    /** Sets how long a sandbox takes to become READY (default 250 ms). */
    public Builder readyDelay(Duration value) {
      readyDelay = nonNegative("gateway.ready-delay", value);
      return this;
    }

    /** Sets how long StopSandbox takes (default 100 ms). */
    public Builder stopDelay(Duration value) {
      stopDelay = nonNegative("gateway.stop-delay", value);
      return this;
    }

    /** Sets how long a deleted sandbox lingers in DELETING (default 100 ms). */
    public Builder deleteDelay(Duration value) {
      deleteDelay = nonNegative("gateway.delete-delay", value);
      return this;
    }

    /** Requires {@code authorization: Bearer <token>} on every RPC but Health; {@code null} turns it off. */
    public Builder bearerToken(String value) {
      bearerToken = value == null ? null : requireText("gateway.token", value);
      return this;
    }

    /** Accepts a second token for read-only callers; {@code null} turns it off. */
    public Builder readOnlyToken(String value) {
      readOnlyToken = value == null ? null : requireText("gateway.read-only-token", value);
      return this;
    }

    /** Serves TLS with this PEM certificate and key; {@code null} for both serves plaintext h2c (default). */
    public Builder tls(Path cert, Path key) {
      if ((cert == null) != (key == null)) {
        throw new IllegalArgumentException("gateway.tls-cert and gateway.tls-key must be given together");
      }
      tlsCert = cert;
      tlsKey = key;
      return this;
    }

    /** Verifies client certificates against this PEM CA; needs TLS. */
    public Builder clientCa(Path value) {
      clientCa = value;
      return this;
    }

    /** Adds a provider created at startup. */
    public Builder provider(ProviderConfig value) {
      providers.add(Objects.requireNonNull(value, "gateway.provider"));
      return this;
    }

    /** Adds a workspace besides {@code "default"}. */
    public Builder workspace(String value) {
      workspaces.add(requireText("gateway.workspace", value));
      return this;
    }

    /** Sets the reported gateway version. */
    public Builder version(String value) {
      version = requireText("gateway.version", value);
      return this;
    }

    /** Sets the image recorded for sandboxes that name none. */
    public Builder defaultImage(String value) {
      defaultImage = requireText("gateway.default-image", value);
      return this;
    }

    /** Sets how many messages a slow watcher may have queued (default 1024). */
    public Builder watchBufferLimit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("gateway.watch-buffer-limit must be positive, got " + value);
      }
      watchBufferLimit = value;
      return this;
    }

    /** Sets the faults injected from startup on. */
    public Builder faults(FaultOptions value) {
      faults = Objects.requireNonNull(value, "gateway.faults");
      return this;
    }

    /** Sets the settings of the exec engine. */
    public Builder exec(ExecOptions value) {
      exec = Objects.requireNonNull(value, "gateway.exec");
      return this;
    }

    /** Returns the validated options. */
    public DevGatewayOptions build() {
      if (clientCa != null && tlsCert == null) {
        throw new IllegalArgumentException("gateway.client-ca needs TLS: set gateway.tls-cert and gateway.tls-key");
      }
      if (bearerToken != null && bearerToken.equals(readOnlyToken)) {
        throw new IllegalArgumentException("gateway.read-only-token must differ from gateway.token");
      }
      return new DevGatewayOptions(this);
    }

    private static String requireText(String key, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(key + " must not be empty");
      }
      return value;
    }

    private static Duration nonNegative(String key, Duration value) {
      Objects.requireNonNull(value, key);
      if (value.isNegative()) {
        throw new IllegalArgumentException(key + " must not be negative, got " + value);
      }
      return value;
    }
  }
}
