package dev.shellbus.events;

/**
 * Default topic names, the header names of dead-letter records and the sandbox-id header of lifecycle events.
 *
 * <p>Topic names are configurable in the worker; these are the defaults every tool assumes when nothing else is
 * configured. Dead-letter records keep the original key and value bytes and say why they were dead-lettered in the
 * {@code shellbus.dlq.*} headers, whose values are UTF-8 strings.
 */
public final class Topics {

  /** Requests from platforms ({@code SandboxRequest}), keyed by session id, else request id. */
  public static final String REQUESTS = "shellbus.requests";
  /** Terminal results ({@code SandboxResult}), keyed like the request. */
  public static final String RESULTS = "shellbus.results";
  /** Transitions ({@code LifecycleEvent}), keyed like their request: session id, else request id. */
  public static final String LIFECYCLE = "shellbus.lifecycle";
  /** OCSF-aligned audit records ({@code AuditEvent}), keyed by sandbox id. */
  public static final String AUDIT = "shellbus.audit";
  /** Compacted worker heartbeats ({@code WorkerHeartbeat}), keyed by worker id. */
  public static final String WORKERS = "shellbus.workers";
  /** Requests that could not be decoded or handled, with the original bytes and key. */
  public static final String REQUESTS_DLQ = "shellbus.requests.dlq";
  /** Compacted per-request state the workers keep for idempotency and recovery, keyed by request id. */
  public static final String REQUEST_STATE = "shellbus.request-state";
  /** One-partition topic whose owner in the reaper group is the active reaper; nothing is written to it. */
  public static final String REAPER_LEASE = "shellbus.reaper-lease";

  /** DLQ header: why the record was dead-lettered, an {@code EventDecodingException.Reason} or {@link ErrorCode} name. */
  public static final String DLQ_REASON = "shellbus.dlq.reason";
  /** DLQ header: human-readable detail of the reason, at most 1024 bytes. */
  public static final String DLQ_DETAIL = "shellbus.dlq.detail";
  /** DLQ header: the topic the record was read from. */
  public static final String DLQ_SOURCE_TOPIC = "shellbus.dlq.source-topic";
  /** DLQ header: the partition the record was read from, in decimal. */
  public static final String DLQ_SOURCE_PARTITION = "shellbus.dlq.source-partition";
  /** DLQ header: the offset the record was read from, in decimal. */
  public static final String DLQ_SOURCE_OFFSET = "shellbus.dlq.source-offset";

  /** Lifecycle header: the sandbox id of the event (UTF-8), when it has one; the value carries it too. */
  public static final String SANDBOX_ID_HEADER = "shellbus.sandbox-id";

  private Topics() {}
}
