package dev.shellbus.events.validation;

/**
 * The size and count limits of BEHAVIOR.md. Most follow from the OpenShell gateway (1 MiB per gRPC request, 32 KiB
 * per argument, env rules) and Kafka's default 1 MiB message size; only the inline total is configurable, through
 * {@link RequestValidator#withMaxInlineTotalBytes(long)}.
 */
public final class Limits {

  private static final int KIB = 1024;

  /** Inline head and tail kept of each output stream, each. */
  public static final int OUTPUT_HEAD_BYTES = 64 * KIB;
  /** See {@link #OUTPUT_HEAD_BYTES}. */
  public static final int OUTPUT_TAIL_BYTES = 64 * KIB;
  /** Exec or step stdin, which travels in one ExecSandbox request (gateway cap 1 MiB). */
  public static final int MAX_STDIN_BYTES = 900 * KIB;
  /** One inline input, written through exec stdin like {@link #MAX_STDIN_BYTES}. */
  public static final int MAX_INLINE_INPUT_BYTES = 900 * KIB;
  /** Default total of inline inputs plus stdin in one request, so it fits Kafka's default 1 MiB message. */
  public static final long DEFAULT_MAX_INLINE_TOTAL_BYTES = 900 * KIB;
  /** Highest configurable inline total; needs max.message.bytes of at least 5 MiB on the request topic. */
  public static final long MAX_INLINE_TOTAL_BYTES = 4L * KIB * KIB;
  /** Arguments per command. */
  public static final int MAX_ARGS = 1024;
  /** One argument, in UTF-8 bytes. */
  public static final int MAX_ARG_BYTES = 32 * KIB;
  /** The shell command the gateway assembles from env, workdir and argv. */
  public static final int MAX_COMMAND_BYTES = 256 * KIB;
  /** Env key length. */
  public static final int MAX_ENV_KEY_BYTES = 256;
  /** Per-command env value. */
  public static final int MAX_ENV_VALUE_BYTES = 32 * KIB;
  /** Sandbox-wide env value (SandboxSpec.env). */
  public static final int MAX_SPEC_ENV_VALUE_BYTES = 8 * KIB;
  /** Sandbox-wide env entries. */
  public static final int MAX_SPEC_ENV_ENTRIES = 128;
  /** Sandbox-wide env, keys plus values. */
  public static final int MAX_SPEC_ENV_TOTAL_BYTES = 256 * KIB;
  /** Steps per job. */
  public static final int MAX_STEPS = 64;
  /** Inputs per request body. */
  public static final int MAX_INPUTS = 256;
  /** Artifact or GetFiles paths per request body. */
  public static final int MAX_PATHS = 256;
  /** Providers per sandbox. */
  public static final int MAX_PROVIDERS = 32;
  /** Encoded SandboxPolicy. */
  public static final int MAX_POLICY_BYTES = 256 * KIB;
  /** driver_config JSON. */
  public static final int MAX_DRIVER_CONFIG_BYTES = 64 * KIB;
  /** Labels per map (request labels, sandbox labels). */
  public static final int MAX_LABELS = 64;
  /** Resource hints per sandbox. */
  public static final int MAX_RESOURCES = 16;
  /** Image reference length. */
  public static final int MAX_IMAGE_LENGTH = 1024;
  /** Principal length. */
  public static final int MAX_PRINCIPAL_LENGTH = 256;
  /** Cancel reason length. */
  public static final int MAX_REASON_LENGTH = 1024;
  /** Object key length in an s3:// URI, in UTF-8 bytes. */
  public static final int MAX_OBJECT_KEY_BYTES = 1024;
  /** Longest keep_sandbox_ttl_seconds of a RunJob: 7 days. */
  public static final int MAX_KEEP_SANDBOX_TTL_SECONDS = 604_800;
  /** Session idle TTL bounds, in seconds. */
  public static final int MIN_IDLE_TTL_SECONDS = 10;
  /** See {@link #MIN_IDLE_TTL_SECONDS}. */
  public static final int MAX_IDLE_TTL_SECONDS = 86_400;
  /** Highest Unix mode an input may ask for (no setuid, setgid or sticky bit). */
  public static final int MAX_MODE = 0777;

  private Limits() {}
}
