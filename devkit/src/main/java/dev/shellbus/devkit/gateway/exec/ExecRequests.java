package dev.shellbus.devkit.gateway.exec;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The field checks of an exec request, in the order the real gateway runs them (contract 3.4 and 4.7).
 *
 * <p>Every check throws a {@link GatewayException}; the first failing check wins. Sizes are counted in UTF-8 bytes,
 * as the gateway counts them.
 */
final class ExecRequests {

  /** The largest request the real gateway decodes (tonic's limit, 1 MiB). */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;
  static final int MAX_ARGS = 1024;
  static final int MAX_ARG_BYTES = 32 * 1024;
  static final int MAX_WORKDIR_BYTES = 4096;
  static final int MAX_ENV_VALUE_BYTES = 32 * 1024;
  static final Pattern ENV_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  static final String RESERVED_PREFIX = "OPENSHELL_";
  static final String ALLOWED_RESERVED_KEY = "OPENSHELL_PYFUNC_B64";

  private ExecRequests() {}

  /** Refuses a request over 1 MiB with the status and message tonic answers. */
  static void checkSize(long serializedSize) {
    if (serializedSize > MAX_REQUEST_BYTES) {
      throw tooLarge(serializedSize);
    }
  }

  /** Returns the failure for a request over 1 MiB. */
  static GatewayException tooLarge(long size) {
    return new GatewayException(GrpcStatus.OUT_OF_RANGE, "Error, decoded message length too large: found " + size
        + " bytes, the limit is: " + MAX_REQUEST_BYTES + " bytes");
  }

  /** Checks the required fields, then the field limits and environment keys. */
  static void validate(ExecSandboxRequest request) {
    if (request.getSandboxId().isEmpty()) {
      throw GatewayException.invalid("sandbox_id is required");
    }
    if (request.getCommandCount() == 0) {
      throw GatewayException.invalid("command is required");
    }
    checkCommand(request);
    checkWorkdir(request.getWorkdir());
    for (Map.Entry<String, String> entry : request.getEnvironmentMap().entrySet()) {
      checkEnvironmentEntry(entry.getKey(), entry.getValue());
    }
  }

  private static void checkCommand(ExecSandboxRequest request) {
    if (request.getCommandCount() > MAX_ARGS) {
      throw GatewayException.invalid("command has " + request.getCommandCount() + " arguments; at most " + MAX_ARGS
          + " are allowed");
    }
    for (int i = 0; i < request.getCommandCount(); i++) {
      int size = request.getCommandBytes(i).size();
      if (size > MAX_ARG_BYTES) {
        throw GatewayException.invalid("command argument " + i + " is " + size + " bytes; at most "
            + MAX_ARG_BYTES + " are allowed");
      }
      if (request.getCommand(i).indexOf('\0') >= 0) {
        throw GatewayException.invalid("command argument " + i + " contains a NUL byte");
      }
    }
  }

  private static void checkWorkdir(String workdir) {
    int size = workdir.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_WORKDIR_BYTES) {
      throw GatewayException.invalid("workdir is " + size + " bytes; at most " + MAX_WORKDIR_BYTES
          + " are allowed");
    }
    if (hasControl(workdir)) {
      throw GatewayException.invalid("workdir must not contain NUL, CR or LF");
    }
  }

  /** Checks one exec environment entry: key syntax, the reserved prefix, and the value limits. */
  static void checkEnvironmentEntry(String key, String value) {
    if (!ENV_KEY.matcher(key).matches()) {
      throw GatewayException.invalid("environment key '" + key + "' must match " + ENV_KEY.pattern());
    }
    if (key.startsWith(RESERVED_PREFIX) && !key.equals(ALLOWED_RESERVED_KEY)) {
      throw GatewayException.invalid("environment key '" + key + "' is reserved: OPENSHELL_* keys are set by the"
          + " gateway");
    }
    int size = value.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_ENV_VALUE_BYTES) {
      throw GatewayException.invalid("environment value of '" + key + "' is " + size + " bytes; at most "
          + MAX_ENV_VALUE_BYTES + " are allowed");
    }
    if (hasControl(value)) {
      throw GatewayException.invalid("environment value of '" + key + "' must not contain NUL, CR or LF");
    }
  }

  private static boolean hasControl(String text) {
    return text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }
}
