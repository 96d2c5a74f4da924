package dev.shellbus.worker.config;

import dev.shellbus.events.Topics;
import dev.shellbus.worker.kafka.ConsumerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The catalogue of every configuration key of the worker, each declared exactly once, in the order the sample file
 * lists them. {@link #all()} is what the loader accepts, what {@link SampleConfig} writes and what the tests check
 * the sample file against.
 */
public final class ConfigKeys {

  private static final List<ConfigKey<?>> ALL = new ArrayList<>();

  // worker
  public static final ConfigKey<String> WORKER_ID = str("worker.id", "",
      "Id of this worker (heartbeats, sandbox labels, request state, logs); empty takes <host name>-<pid>, unique"
      + " per process on one host. Set it to keep one id across restarts.");
  public static final ConfigKey<Duration> START_TIMEOUT = duration("worker.start-timeout", Duration.ofSeconds(30),
      Duration.ofSeconds(1), "How long the start may take: Kafka must answer describeCluster and the topic check, the"
      + " gateway its Health RPC and the store a check of the bucket within it, or the start fails naming the part.");
  public static final ConfigKey<Integer> BLOCKING_POOL_SIZE = intKey("worker.blocking-pool-size", 4, 1, 64,
      "Threads of the bounded executor for blocking calls (Kafka admin checks, file reads).");

  // kafka
  public static final ConfigKey<String> KAFKA_BOOTSTRAP = str("kafka.bootstrap-servers", "127.0.0.1:9092",
      "Kafka bootstrap servers, host:port[,host:port...].");
  public static final ConfigKey<String> KAFKA_GROUP = str("kafka.group-id", "shellbus-workers",
      "Consumer group shared by all workers of one deployment.");
  public static final ConfigKey<String> TOPIC_REQUESTS = str("kafka.topics.requests", Topics.REQUESTS,
      "Topic of SandboxRequest records.");
  public static final ConfigKey<String> TOPIC_RESULTS = str("kafka.topics.results", Topics.RESULTS,
      "Topic of SandboxResult records.");
  public static final ConfigKey<String> TOPIC_LIFECYCLE = str("kafka.topics.lifecycle", Topics.LIFECYCLE,
      "Topic of LifecycleEvent records.");
  public static final ConfigKey<String> TOPIC_AUDIT = str("kafka.topics.audit", Topics.AUDIT,
      "Topic of OCSF-aligned AuditEvent records.");
  public static final ConfigKey<String> TOPIC_WORKERS = str("kafka.topics.workers", Topics.WORKERS,
      "Compacted topic of WorkerHeartbeat records.");
  public static final ConfigKey<String> TOPIC_DLQ = str("kafka.topics.dead-letters", Topics.REQUESTS_DLQ,
      "Topic of dead-lettered request records.");
  public static final ConfigKey<String> TOPIC_STATE = str("kafka.topics.request-state", Topics.REQUEST_STATE,
      "Compacted per-request state topic, co-partitioned with the requests topic.");
  public static final ConfigKey<String> TOPIC_REAPER = str("kafka.topics.reaper-lease", Topics.REAPER_LEASE,
      "One-partition topic whose owner in reaper.group-id is the active reaper (created when missing; never written).");
  public static final ConfigKey<Boolean> TOPICS_CREATE = bool("kafka.topics.create", true,
      "Create missing topics at start.");
  public static final ConfigKey<Integer> TOPICS_PARTITIONS = intKey("kafka.topics.partitions", 12, 1, 10_000,
      "Partitions of topics the worker creates.");
  public static final ConfigKey<Integer> TOPICS_REPLICATION = intKey("kafka.topics.replication-factor", 0, 0,
      Short.MAX_VALUE, "Replication factor of topics the worker creates; 0 takes the broker default.");
  public static final ConfigKey<Duration> TOPICS_STATE_RETENTION = duration("kafka.topics.state-retention",
      Duration.ofDays(7), Duration.ofMinutes(1), "How long request states are kept.");
  public static final ConfigKey<Integer> MAX_IN_FLIGHT = intKey("kafka.consumer.max-in-flight", 64, 1, 100_000,
      "Requests run at once (the worker's capacity); partitions pause at this mark.");
  public static final ConfigKey<Long> MAX_QUEUED_BYTES = bytes("kafka.consumer.max-queued-bytes", 64L << 20, 1024,
      "Bytes of received, unfinished request records held; partitions pause at this mark.");
  public static final ConfigKey<Duration> COMMIT_INTERVAL = duration("kafka.consumer.commit-interval",
      Duration.ofSeconds(1), Duration.ofMillis(10), "How often completed offsets are committed.");
  public static final ConfigKey<Duration> REVOKE_GRACE = duration("kafka.consumer.revoke-grace",
      Duration.ofSeconds(30), Duration.ZERO, "How long a rebalance waits for running requests of revoked partitions.");
  public static final ConfigKey<Boolean> STATIC_MEMBERSHIP = bool("kafka.consumer.static-membership", false,
      "Join the group as a static member named by worker.id (group.instance.id): a worker restarted with the same id"
          + " within the session timeout takes its partitions back without a rebalance. Needs a worker.id that is"
          + " stable across restarts and unique in the group.");
  public static final ConfigKey<Integer> MAX_RETAINED_STATES = intKey("kafka.consumer.max-retained-states",
      ConsumerOptions.DEFAULT_MAX_RETAINED_STATES, 1, 100_000_000, "Request states kept in memory per partition (about 3 KiB each) to recognise a request id sent"
          + " again; past it the oldest committed ones are dropped (uncommitted ones never).");
  public static final ConfigKey<Duration> DELIVERY_TIMEOUT = duration("kafka.producer.delivery-timeout",
      Duration.ofSeconds(30), Duration.ofSeconds(1), "Upper bound on reporting success or failure of one publish.");
  public static final ConfigKey<Map<String, String>> KAFKA_PROPERTIES = map("kafka.properties",
      "Extra Kafka client properties for every client (consumer, producer, admin), e.g. security.protocol.");
  public static final ConfigKey<Path> KAFKA_PROPERTIES_FILE = path("kafka.properties-file",
      "Java properties file of extra Kafka client properties (for SASL credentials); must exist when set.");

  // gateway
  public static final ConfigKey<String> GATEWAY_ENDPOINT = str("gateway.endpoint", "",
      "Gateway URL (http:// or https://) or gateway name; empty uses OPENSHELL_GATEWAY, then the OpenShell CLI config.");
  public static final ConfigKey<String> GATEWAY_WORKSPACE = str("gateway.workspace", "default",
      "Gateway workspace the worker's sandboxes live in.");
  public static final ConfigKey<Path> GATEWAY_CA = path("gateway.tls.ca-file", "CA bundle (PEM) to trust.");
  public static final ConfigKey<Path> GATEWAY_CERT = path("gateway.tls.cert-file",
      "Client certificate (PEM) for mTLS, with gateway.tls.key-file.");
  public static final ConfigKey<Path> GATEWAY_KEY = path("gateway.tls.key-file", "Client key (PEM) for mTLS.");
  public static final ConfigKey<String> GATEWAY_SERVER_NAME = str("gateway.tls.server-name", "",
      "TLS server name to verify instead of the endpoint host.");
  public static final ConfigKey<String> GATEWAY_TOKEN = secret("gateway.token",
      "Static OIDC bearer token for the gateway.");
  public static final ConfigKey<Path> GATEWAY_TOKEN_FILE = path("gateway.token-file",
      "File holding the bearer token, re-read when it changes (e.g. a projected service-account token).");
  public static final ConfigKey<String> OIDC_TOKEN_ENDPOINT = str("gateway.oidc.token-endpoint", "",
      "OAuth2 token URL for client credentials; set to use them.");
  public static final ConfigKey<String> OIDC_CLIENT_ID = str("gateway.oidc.client-id", "", "OAuth2 client id.");
  public static final ConfigKey<String> OIDC_CLIENT_SECRET = secret("gateway.oidc.client-secret",
      "OAuth2 client secret.");
  public static final ConfigKey<Path> OIDC_CLIENT_SECRET_FILE = path("gateway.oidc.client-secret-file",
      "File holding the OAuth2 client secret.");
  public static final ConfigKey<String> OIDC_SCOPE = str("gateway.oidc.scope", "", "Scopes to ask for.");
  public static final ConfigKey<String> OIDC_AUDIENCE = str("gateway.oidc.audience", "", "Audience to ask for.");
  public static final ConfigKey<Duration> GATEWAY_CONNECT_TIMEOUT = duration("gateway.connect-timeout",
      Duration.ofSeconds(10), Duration.ofMillis(100), "TCP and TLS connect timeout.");
  public static final ConfigKey<Integer> GATEWAY_RETRY_ATTEMPTS = intKey("gateway.retry.max-attempts", 5, 1, 100,
      "Tries of a gateway call that is safe to repeat, the first included.");
  public static final ConfigKey<Duration> GATEWAY_RETRY_INITIAL = duration("gateway.retry.initial-delay",
      Duration.ofMillis(200), Duration.ZERO, "Ceiling of the first retry wait (full jitter, doubling).");
  public static final ConfigKey<Duration> GATEWAY_RETRY_MAX = duration("gateway.retry.max-delay",
      Duration.ofSeconds(5), Duration.ZERO, "Largest retry wait.");

  // object store
  public static final ConfigKey<String> STORE_ENDPOINT = str("store.endpoint", "",
      "S3-compatible endpoint URL; empty uses AWS S3 for the region.");
  public static final ConfigKey<String> STORE_REGION = str("store.region", "us-east-1", "Signing region.");
  public static final ConfigKey<String> STORE_BUCKET = str("store.bucket", "shellbus",
      "Bucket for logs, artifacts, manifests and snapshots.");
  public static final ConfigKey<String> STORE_PREFIX = str("store.prefix", "shellbus",
      "Key prefix under which each request stores its objects.");
  public static final ConfigKey<String> STORE_ACCESS_KEY = str("store.access-key", "",
      "Access key id; empty uses the AWS default credential chain.");
  public static final ConfigKey<String> STORE_SECRET_KEY = secret("store.secret-key", "Secret access key.");
  public static final ConfigKey<Path> STORE_SECRET_KEY_FILE = path("store.secret-key-file",
      "File holding the secret access key.");
  public static final ConfigKey<Boolean> STORE_PATH_STYLE = bool("store.path-style", true,
      "Address buckets in the path (MinIO, s3proxy) rather than the host name.");
  public static final ConfigKey<Long> STORE_PART_SIZE = bytes("store.part-size", 8L << 20, 5L << 20,
      "Multipart upload part size.");

  // engine
  public static final ConfigKey<Long> INLINE_OUTPUT = bytes("engine.inline-output-bytes", 64L << 10, 0,
      "Bytes of each output stream's head and of its tail carried inline in results.");
  public static final ConfigKey<String> LOG_OBJECTS = choice("engine.log-objects", "always",
      Set.of("always", "when-truncated"), "Which output streams are also stored as log objects: always (every"
      + " non-empty one) or when-truncated (only those longer than the inline head plus tail).");
  public static final ConfigKey<Duration> CLEANUP_GRACE = duration("engine.cleanup-grace", Duration.ofSeconds(30),
      Duration.ZERO, "How long past a request's deadline clean-up (kill, delete, manifest) may still run.");
  public static final ConfigKey<Duration> DEFAULT_DEADLINE = duration("engine.default-deadline", Duration.ofHours(1),
      Duration.ofSeconds(1), "Longest a request may run: a later request deadline is brought forward to this.");
  public static final ConfigKey<Integer> MAX_ATTEMPTS = intKey("engine.max-attempts", 3, 1, 100,
      "Attempts of a request interrupted by crashes or rebalances before it fails with INTERRUPTED.");
  public static final ConfigKey<Duration> MAX_SESSION_LIFETIME = duration("engine.max-session-lifetime",
      Duration.ofHours(24), Duration.ofMinutes(1), "Longest a session may live.");
  public static final ConfigKey<Long> MAX_INLINE_TOTAL = bytes("engine.max-inline-total-bytes", 900L << 10, 1,
      "Inline inputs plus stdin accepted in one request (at most 4MiB; raise max.message.bytes too).");
  public static final ConfigKey<Integer> LANES = intKey("engine.lanes", 0, 0, 256,
      "Event loops requests run on, each with its own gateway connection; a request's key (session id, else request"
      + " id) always picks the same one. 0 takes the number of processors.");

  // reaper
  public static final ConfigKey<Duration> REAPER_INTERVAL = duration("reaper.interval", Duration.ofSeconds(30),
      Duration.ofMillis(200), "How often the reaper lists shellbus's sandboxes on the gateway and applies its rules;"
      + " a sandbox outlives its rule by at most this long.");
  public static final ConfigKey<Boolean> REAPER_DRY_RUN = bool("reaper.dry-run", false,
      "List what each pass would reap (log line and reaper_would_reap_total) and delete nothing.");
  public static final ConfigKey<Duration> REAPER_KEEP_TTL = duration("reaper.keep-sandbox-ttl", Duration.ofHours(1),
      Duration.ZERO, "How long the sandbox of a keep_sandbox job stays after its job ended, when the request names no"
      + " keep_sandbox_ttl_seconds of its own.");
  public static final ConfigKey<Integer> REAPER_DEAD_AFTER = intKey("reaper.dead-worker-intervals", 3, 1, 1000,
      "A worker is dead after this many heartbeat intervals without a heartbeat (or after a STOPPED one); the job"
      + " sandboxes of its unfinished attempts are reaped.");
  public static final ConfigKey<Duration> REAPER_GRACE = duration("reaper.grace", Duration.ofMinutes(1),
      Duration.ZERO, "How long after its request finished (or its session closed) a sandbox may still exist before"
      + " the reaper counts its delete as failed and deletes it itself.");
  public static final ConfigKey<Duration> REAPER_LEFTOVER_AGE = duration("reaper.leftover-age",
      Duration.ofMinutes(10), Duration.ZERO, "Age after which a job sandbox whose request no request state knows is a"
      + " leftover and is reaped.");
  public static final ConfigKey<Duration> REAPER_LOOKBACK = duration("reaper.activity-lookback", Duration.ofHours(25),
      Duration.ofMinutes(1), "How far back the reaper reads the lifecycle topic at start to learn each session's last"
      + " call; keep it above the longest session idle TTL (24h).");
  public static final ConfigKey<String> REAPER_GROUP = str("reaper.group-id", "shellbus-reaper",
      "Consumer group of the reapers of one deployment; the member that owns the lease topic's one partition is the"
      + " active reaper.");
  public static final ConfigKey<Duration> REAPER_LEASE_TIMEOUT = duration("reaper.lease-timeout", Duration.ofSeconds(10),
      Duration.ofSeconds(6), "Session timeout of the reaper's lease membership: a standby takes over this long after"
      + " the active reaper died. At least the broker's group.min.session.timeout.ms (6s).");
  public static final ConfigKey<Integer> REAPER_MANAGEMENT_PORT = intKey("reaper.management-port", 8081, 0, 65535,
      "Port of the reaper's /health and /metrics (on management.host); 0 picks a free one.");

  // management, health, heartbeat, drain, log
  public static final ConfigKey<Boolean> MANAGEMENT_ENABLED = bool("management.enabled", true,
      "Serve /health/live, /health/ready and /metrics.");
  public static final ConfigKey<String> MANAGEMENT_HOST = str("management.host", "0.0.0.0",
      "Address of the management port.");
  public static final ConfigKey<Integer> MANAGEMENT_PORT = intKey("management.port", 8080, 0, 65535,
      "Management port; 0 picks a free one.");
  public static final ConfigKey<Duration> HEALTH_INTERVAL = duration("health.interval", Duration.ofSeconds(5),
      Duration.ofMillis(100), "How often readiness checks the gateway and Kafka.");
  public static final ConfigKey<Duration> HEALTH_TIMEOUT = duration("health.timeout", Duration.ofSeconds(3),
      Duration.ofMillis(100), "How long one check may take before it counts as down.");
  public static final ConfigKey<Integer> OUTAGE_THRESHOLD = intKey("outage.threshold", 3, 1, 100,
      "Consecutive unavailable answers of the gateway (or the store) that open its breaker: no new work is taken and"
          + " running requests wait, within their deadlines, until a probe succeeds.");
  public static final ConfigKey<Duration> OUTAGE_PROBE_INTERVAL = duration("outage.probe-interval",
      Duration.ofSeconds(1), Duration.ofMillis(100), "While a breaker is open, how often the dependency is probed.");
  public static final ConfigKey<Duration> HEARTBEAT_INTERVAL = duration("heartbeat.interval", Duration.ofSeconds(10),
      Duration.ofMillis(100), "How often a WorkerHeartbeat is published.");
  public static final ConfigKey<Duration> DRAIN_GRACE = duration("drain.grace", Duration.ofSeconds(30),
      Duration.ZERO, "On shutdown, how long running requests may finish before they are cancelled.");
  public static final ConfigKey<String> LOG_FORMAT = choice("log.format", "json", Set.of("json", "text"),
      "Log line format: json (one JSON object per line) or text.");
  public static final ConfigKey<String> LOG_LEVEL = choice("log.level", "info",
      Set.of("trace", "debug", "info", "warn", "error"), "Level of the worker's own loggers.");

  private ConfigKeys() {}

  /** Returns every key, in declaration order. */
  public static List<ConfigKey<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** Returns every key by name. */
  public static Map<String, ConfigKey<?>> byName() {
    Map<String, ConfigKey<?>> out = new LinkedHashMap<>();
    ALL.forEach(k -> out.put(k.name(), k));
    return out;
  }

  /** Finds a key by name. */
  public static Optional<ConfigKey<?>> find(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private static <T> ConfigKey<T> add(ConfigKey<T> key) {
    if (find(key.name()).isPresent()) {
      throw new IllegalStateException("config key declared twice: " + key.name());
    }
    ALL.add(key);
    return key;
  }

  private static ConfigKey<String> str(String name, String def, String description) {
    return add(new ConfigKey<>(name, ValueType.STRING, def, description, false, false, v -> true, ""));
  }

  private static ConfigKey<String> choice(String name, String def, Set<String> values, String description) {
    return add(new ConfigKey<>(name, ValueType.STRING, def, description, false, true, values::contains,
        "one of " + String.join(", ", values.stream().sorted().toList())));
  }

  private static ConfigKey<String> secret(String name, String description) {
    return add(new ConfigKey<>(name, ValueType.STRING, null, description, true, false, v -> !v.isEmpty(),
        "not empty"));
  }

  private static ConfigKey<Boolean> bool(String name, boolean def, String description) {
    return add(new ConfigKey<>(name, ValueType.BOOLEAN, def, description, false, true, v -> true, ""));
  }

  private static ConfigKey<Integer> intKey(String name, int def, int min, int max, String description) {
    Predicate<Integer> rule = v -> v >= min && v <= max;
    return add(new ConfigKey<>(name, ValueType.INT, def, description, false, true, rule,
        "from " + min + " to " + max));
  }

  private static ConfigKey<Long> bytes(String name, long def, long min, String description) {
    return add(new ConfigKey<>(name, ValueType.BYTES_TYPE, def, description, false, true, v -> v >= min,
        "at least " + ValueType.formatBytes(min)));
  }

  private static ConfigKey<Duration> duration(String name, Duration def, Duration min, String description) {
    return add(new ConfigKey<>(name, ValueType.DURATION_TYPE, def, description, false, true,
        v -> v.compareTo(min) >= 0, "at least " + ValueType.formatDuration(min)));
  }

  private static ConfigKey<Path> path(String name, String description) {
    return add(new ConfigKey<>(name, ValueType.PATH, null, description, false, false, p -> true, ""));
  }

  private static ConfigKey<Map<String, String>> map(String name, String description) {
    return add(new ConfigKey<>(name, ValueType.MAP, Map.of(), description, false, true, v -> true, ""));
  }
}
