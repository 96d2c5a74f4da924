package dev.shellbus.devkit.gateway;

import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the command-line flags of {@link DevGatewayMain} into {@link DevGatewayOptions}.
 *
 * <p>Flags take {@code --name=value} or {@code --name value}. Tokens may also come from the environment
 * ({@code SHELLBUS_GATEWAY_TOKEN}, {@code SHELLBUS_GATEWAY_READ_ONLY_TOKEN}) so that they stay out of process
 * listings. Every error names the offending flag.
 */
public final class DevGatewayFlags {

  /** The usage text printed by {@code --help}. */
  public static final String USAGE = String.join("\n",
      "Usage: shellbus gateway [flags]   (flags take --name=value or --name value)",
      "  --host=ADDR                 bind address (default 127.0.0.1)",
      "  --port=N                    port (default 17670; 0 picks a free one)",
      "  --data-dir=DIR              sandbox directories (default: a temporary directory)",
      "  --token=T                   require 'authorization: Bearer T' (or env SHELLBUS_GATEWAY_TOKEN)",
      "  --read-only-token=T         a second token that may only read (or env SHELLBUS_GATEWAY_READ_ONLY_TOKEN)",
      "  --tls-cert=PEM --tls-key=PEM  serve TLS instead of h2c",
      "  --client-ca=PEM             verify client certificates (mTLS); required at the handshake without a token",
      "  --isolation=MODE            exec isolation: bubblewrap (default), none, simulated",
      "  --provider=NAME:TYPE[:KEY[=VALUE],...]  create a provider; a KEY without value reads the env variable",
      "  --workspace=NAME            an extra workspace besides 'default' (repeatable)",
      "  --ready-delay-ms=N --stop-delay-ms=N --delete-delay-ms=N  simulated compute timing",
      "  --version=V                 the version Health reports",
      "  --fault-latency=RPC=MS      add latency before an RPC ('*' for all; repeatable)",
      "  --fault-error=RPC=RATE:CODE fail an RPC at a rate with a gRPC status name (repeatable)",
      "  --fault-seed=N              seed of the fault random sources",
      "  --fault-stuck=REGEX         sandboxes whose name matches never become READY",
      "  --fault-flap=REGEX:EVERY_MS:DOWN_MS  READY sandboxes drop to PROVISIONING periodically",
      "  --fault-main-exit=REGEX:AFTER_MS:CODE  the main process exits after READY (sandbox goes to ERROR)",
      "  --fault-exec-break-rate=R   exec streams break before their exit event at this rate");

  private DevGatewayFlags() {}

  /**
   * Parses the flags.
   *
   * @param env the environment, for the token fallbacks and provider credentials
   * @throws IllegalArgumentException naming the offending flag
   */
  public static DevGatewayOptions parse(String[] args, Map<String, String> env) {
    DevGatewayOptions.Builder options = DevGatewayOptions.builder().port(DevGatewayOptions.STANDALONE_PORT);
    FaultOptions.Builder faults = FaultOptions.builder();
    ExecOptions.Builder exec = ExecOptions.builder();
    Path tlsCert = null;
    Path tlsKey = null;
    String token = env.get("SHELLBUS_GATEWAY_TOKEN");
    String readOnlyToken = env.get("SHELLBUS_GATEWAY_READ_ONLY_TOKEN");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags start with --");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      try {
        switch (name) {
          case "host" -> options.host(value);
          case "port" -> options.port(Integer.parseInt(value));
          case "data-dir" -> options.dataDir(Path.of(value));
          case "token" -> token = value;
          case "read-only-token" -> readOnlyToken = value;
          case "tls-cert" -> tlsCert = Path.of(value);
          case "tls-key" -> tlsKey = Path.of(value);
          case "client-ca" -> options.clientCa(Path.of(value));
          case "isolation" -> exec.isolation(Isolation.valueOf(value.toUpperCase(Locale.ROOT)));
          case "provider" -> options.provider(provider(value, env));
          case "workspace" -> options.workspace(value);
          case "ready-delay-ms" -> options.readyDelay(millis(value));
          case "stop-delay-ms" -> options.stopDelay(millis(value));
          case "delete-delay-ms" -> options.deleteDelay(millis(value));
          case "version" -> options.version(value);
          case "fault-latency" -> faults.latency(before(value, '='), millis(after(value, '=')));
          case "fault-error" -> error(faults, value);
          case "fault-seed" -> {
            faults.seed(Long.parseLong(value));
            exec.seed(Long.parseLong(value));
          }
          case "fault-stuck" -> faults.stuckProvisioning(value);
          case "fault-flap" -> {
            String[] parts = triple(value);
            faults.flapping(parts[0], millis(parts[1]), millis(parts[2]));
          }
          case "fault-main-exit" -> {
            String[] parts = triple(value);
            faults.mainProcessExit(parts[0], millis(parts[1]), Integer.parseInt(parts[2]));
          }
          case "fault-exec-break-rate" -> exec.breakRate(Double.parseDouble(value));
          default -> throw new IllegalArgumentException("unknown flag");
        }
      } catch (RuntimeException bad) {
        throw new IllegalArgumentException("--" + name + "=" + (name.contains("token") ? "REDACTED" : value)
            + ": " + bad.getMessage(), bad);
      }
    }
    return options.tls(tlsCert, tlsKey).bearerToken(token).readOnlyToken(readOnlyToken)
        .faults(faults.build()).exec(exec.build()).build();
  }

  private static ProviderConfig provider(String value, Map<String, String> env) {
    String[] parts = value.split(":", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("expected NAME:TYPE[:KEY[=VALUE],...]");
    }
    Map<String, String> credentials = new LinkedHashMap<>();
    if (parts.length == 3 && !parts[2].isEmpty()) {
      for (String item : parts[2].split(",")) {
        int eq = item.indexOf('=');
        String key = eq < 0 ? item : item.substring(0, eq);
        String secret = eq < 0 ? env.get(key) : item.substring(eq + 1);
        if (secret == null) {
          throw new IllegalArgumentException("credential " + key + " has no value and no environment variable");
        }
        credentials.put(key, secret);
      }
    }
    return ProviderConfig.of(parts[0], parts[1], credentials);
  }

  private static void error(FaultOptions.Builder faults, String value) {
    String rpc = before(value, '=');
    String spec = after(value, '=');
    GrpcStatus status = GrpcStatus.valueOf(after(spec, ':').toUpperCase(Locale.ROOT));
    faults.error(rpc, Double.parseDouble(before(spec, ':')), status, "injected fault: " + status);
  }

  private static String[] triple(String value) {
    int last = value.lastIndexOf(':');
    int middle = last <= 0 ? -1 : value.lastIndexOf(':', last - 1);
    if (middle < 0) {
      throw new IllegalArgumentException("expected REGEX:N:N");
    }
    return new String[] {value.substring(0, middle), value.substring(middle + 1, last), value.substring(last + 1)};
  }

  private static String before(String value, char separator) {
    int at = value.lastIndexOf(separator);
    if (at <= 0) {
      throw new IllegalArgumentException("expected A" + separator + "B");
    }
    return value.substring(0, at);
  }

  private static String after(String value, char separator) {
    return value.substring(value.lastIndexOf(separator) + 1);
  }

  private static Duration millis(String value) {
    return Duration.ofMillis(Long.parseLong(value));
  }
}
