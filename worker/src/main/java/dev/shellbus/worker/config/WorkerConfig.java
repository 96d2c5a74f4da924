package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The worker's whole configuration: one immutable, validated tree built once at startup.
 *
 * <p>Values come from, in rising precedence, the defaults of {@link ConfigKeys}, a YAML file, {@code SHELLBUS_*}
 * environment variables, command-line flags and values set in code through the {@link Builder}. Secrets (the gateway
 * token, the OIDC client secret, the S3 secret key) are accepted only from the environment, from files or from code,
 * and print as {@code ***}. Every error is a {@link ConfigException} naming the key. Building reads the files the
 * configuration names, so call it off any event loop.
 */
public final class WorkerConfig {

  /** How log lines are written. */
  public enum LogFormat {
    /** One JSON object per line, for log pipelines. */
    JSON,
    /** Human-readable lines. */
    TEXT
  }

  private final ConfigValues values;
  private final String workerId;
  private final KafkaSettings kafka;
  private final GatewaySettings gateway;
  private final StoreSettings store;
  private final EngineSettings engine;
  private final ManagementSettings management;
  private final ReaperSettings reaper;

  private WorkerConfig(ConfigValues values) {
    this.values = values;
    this.workerId = values.text(WORKER_ID).orElseGet(HostName::defaultWorkerId);
    this.kafka = KafkaSettings.from(values);
    this.gateway = GatewaySettings.from(values);
    this.store = StoreSettings.from(values);
    this.engine = EngineSettings.from(values);
    this.management = ManagementSettings.from(values);
    this.reaper = ReaperSettings.from(values);
  }

  /** Loads from the process environment and {@code args} ({@code --config FILE} and {@code --key=value} flags). */
  public static WorkerConfig load(String... args) {
    return builder().systemEnv().args(args).build();
  }

  /** Returns a builder holding only the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns every resolved value with its source. */
  public ConfigValues values() {
    return values;
  }

  /** Returns this worker's id. */
  public String workerId() {
    return workerId;
  }

  /** Returns the Kafka settings. */
  public KafkaSettings kafka() {
    return kafka;
  }

  /** Returns the gateway settings. */
  public GatewaySettings gateway() {
    return gateway;
  }

  /** Returns the object-store settings. */
  public StoreSettings store() {
    return store;
  }

  /** Returns the request-processing limits. */
  public EngineSettings engine() {
    return engine;
  }

  /** Returns the management-port settings. */
  public ManagementSettings management() {
    return management;
  }

  /** Returns the reaper's settings ({@code shellbus reaper}). */
  public ReaperSettings reaper() {
    return reaper;
  }

  /** Returns the threads of the bounded blocking executor. */
  public int blockingPoolSize() {
    return values.get(BLOCKING_POOL_SIZE);
  }

  /** Returns how long the start may take before it fails. */
  public Duration startTimeout() {
    return values.get(START_TIMEOUT);
  }

  /** Returns how often heartbeats are published. */
  public Duration heartbeatInterval() {
    return values.get(HEARTBEAT_INTERVAL);
  }

  /** Returns how long running requests may finish on shutdown before they are cancelled. */
  public Duration drainGrace() {
    return values.get(DRAIN_GRACE);
  }

  /** Returns the log format. */
  public LogFormat logFormat() {
    return LogFormat.valueOf(values.get(LOG_FORMAT).toUpperCase(Locale.ROOT));
  }

  /** Returns the log level of the worker's loggers. */
  public String logLevel() {
    return values.get(LOG_LEVEL);
  }

  @Override
  public String toString() {
    return "WorkerConfig[workerId=" + workerId + ", " + values + "]";
  }

  /**
   * Builds a {@link WorkerConfig}. Sources may be given in any order; precedence is always code over flags over env
   * over file over defaults. Values set in code may be secrets (the dev stack passes its embedded store's key).
   */
  public static final class Builder {
    private Path file;
    private Map<String, String> env = Map.of();
    private final List<String> args = new ArrayList<>();
    private final Map<String, Object> code = new LinkedHashMap<>();

    private Builder() {}

    /** Reads this YAML file; it must exist. */
    public Builder file(Path yaml) {
      this.file = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    /** Reads {@code SHELLBUS_*} variables from this environment. */
    public Builder env(Map<String, String> environment) {
      this.env = Map.copyOf(environment);
      return this;
    }

    /** Reads {@code SHELLBUS_*} variables from the process environment. */
    public Builder systemEnv() {
      return env(System.getenv());
    }

    /** Reads command-line flags; {@code --config FILE} names the YAML file. */
    public Builder args(String... flags) {
      List<String> list = Arrays.asList(flags);
      Path named = ConfigSources.configFile(list);
      if (named != null) {
        file = named;
      }
      args.addAll(list);
      return this;
    }

    /** Sets a key in code, above every other source. */
    public <T> Builder set(ConfigKey<T> key, T value) {
      code.put(key.name(), value);
      return this;
    }

    /** Sets a key by name in code (the value raw, as in a flag, or typed); unknown names fail at {@link #build()}. */
    public Builder set(String key, Object value) {
      code.put(key, value);
      return this;
    }

    /** Sets the worker id. */
    public Builder workerId(String id) {
      return set(WORKER_ID, id);
    }

    /** Sets the Kafka bootstrap servers. */
    public Builder kafkaBootstrapServers(String servers) {
      return set(KAFKA_BOOTSTRAP, servers);
    }

    /** Sets the gateway endpoint URL or name. */
    public Builder gatewayEndpoint(String endpoint) {
      return set(GATEWAY_ENDPOINT, endpoint);
    }

    /** Sets the object store endpoint, bucket and static keys. */
    public Builder store(String endpoint, String bucket, String accessKey, String secretKey) {
      return set(STORE_ENDPOINT, endpoint).set(STORE_BUCKET, bucket).set(STORE_ACCESS_KEY, accessKey)
          .set(STORE_SECRET_KEY, secretKey);
    }

    /** Sets the management port (0 for a free one). */
    public Builder managementPort(int port) {
      return set(MANAGEMENT_PORT, port);
    }

    /** Validates and builds; throws {@link ConfigException} naming the first offending key. */
    public WorkerConfig build() {
      return new WorkerConfig(ConfigLoader.load(file, env, args, code));
    }
  }
}
