package dev.shellbus.events;

/**
 * OpenTelemetry attribute keys shared by spans, logs and metrics of every shellbus module.
 *
 * <p>Keys are fixed here so that dashboards and queries written against one module work for all. Values must stay
 * bounded where used as metric tags: request, session and sandbox ids belong on spans and logs, never on meters.
 * Kafka attributes use the OpenTelemetry messaging conventions ({@code messaging.*}) instead of keys of ours.
 */
public final class TelemetryAttributes {

  /** OpenShell sandbox id (UUID). */
  public static final String SANDBOX_ID = "sandbox.id";
  /** OpenShell sandbox name (DNS label). */
  public static final String SANDBOX_NAME = "sandbox.name";
  /** Request id, the idempotency key. */
  public static final String REQUEST_ID = "shellbus.request.id";
  /** Request body kind in lower case: run_job, open_session, exec, put_files, get_files, close_session, cancel. */
  public static final String REQUEST_KIND = "shellbus.request.kind";
  /** Tenant of the request. */
  public static final String TENANT = "shellbus.tenant";
  /** Session id, for session requests. */
  public static final String SESSION_ID = "shellbus.session.id";
  /** Attempt number, starting at 1. */
  public static final String ATTEMPT = "shellbus.attempt";
  /** Worker id. */
  public static final String WORKER_ID = "shellbus.worker.id";
  /** Zero-based step index. */
  public static final String STEP_INDEX = "shellbus.step.index";
  /** Step name. */
  public static final String STEP_NAME = "shellbus.step.name";
  /** Terminal result status, e.g. SUCCEEDED. */
  public static final String RESULT_STATUS = "shellbus.result.status";
  /** Error code of a failed request, an {@link ErrorCode} name. */
  public static final String ERROR_CODE = "shellbus.error.code";
  /** Gateway RPC name, e.g. CreateSandbox. */
  public static final String GATEWAY_OPERATION = "shellbus.gateway.operation";
  /** Object-store URI of an artifact or log. */
  public static final String ARTIFACT_URI = "shellbus.artifact.uri";

  private TelemetryAttributes() {}
}
