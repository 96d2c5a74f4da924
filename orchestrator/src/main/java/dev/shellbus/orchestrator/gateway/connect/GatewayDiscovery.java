package dev.shellbus.orchestrator.gateway.connect;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the gateway to talk to, the way OpenShell's own SDKs and CLI do. In order, the first that
 * applies wins:
 * <ol>
 *   <li>an explicit endpoint URL from our configuration (an explicit value without {@code ://} is
 *       taken as a gateway name and looked up as below);
 *   <li>the environment variable {@code OPENSHELL_GATEWAY}: an endpoint URL, or the name of a
 *       gateway in the CLI config;
 *   <li>the active gateway of the OpenShell CLI config in {@code $XDG_CONFIG_HOME/openshell} (or
 *       {@code ~/.config/openshell}): its name is the trimmed content of the file {@code
 *       active_gateway} there; when that file is absent and exactly one gateway is configured, that
 *       one is used.
 * </ol>
 * A named gateway is read from {@code gateways/<name>/metadata.json} ({@code gateway_endpoint},
 * {@code auth_mode}) plus, for an https endpoint, the mTLS bundle {@code gateways/<name>/mtls/}:
 * {@code ca.crt} is trusted when present, and {@code tls.crt} with {@code tls.key} are presented as
 * the client certificate when both are present. Our contract notes do not record which file the CLI
 * keeps the active name in; the {@code active_gateway} file is our choice, and {@code
 * OPENSHELL_GATEWAY} always overrides it. All reads go through the Vert.x file system, so nothing
 * blocks an event loop. Failures name the file or variable at fault.
 */
public final class GatewayDiscovery {
  /** The environment variable naming a gateway or an endpoint. */
  public static final String ENV_GATEWAY = "OPENSHELL_GATEWAY";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final FileSystem fs;
  private final Map<String, String> env;
  private final Path home;

  /** Discovery over the given file system, environment and home directory (tests pass their own). */
  public GatewayDiscovery(FileSystem fs, Map<String, String> env, Path home) {
    this.fs = Objects.requireNonNull(fs, "fs");
    this.env = Map.copyOf(env);
    this.home = Objects.requireNonNull(home, "home");
  }

  /** Discovery over the process environment and the user's home directory. */
  public static GatewayDiscovery system(Vertx vertx) {
    return new GatewayDiscovery(vertx.fileSystem(), System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The OpenShell CLI config directory this discovery reads. */
  public Path configDir() {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
    return base.resolve("openshell");
  }

  /** Resolves the gateway, with the explicit value (URL or gateway name) winning when present. */
  public Future<GatewayConnection> resolve(Optional<String> explicit) {
    Optional<String> given = explicit.map(String::trim).filter(s -> !s.isEmpty());
    if (given.isPresent()) {
      return fromValue(given.get(), "explicit configuration");
    }
    String fromEnv = env.getOrDefault(ENV_GATEWAY, "").trim();
    if (!fromEnv.isEmpty()) {
      return fromValue(fromEnv, "env " + ENV_GATEWAY);
    }
    return activeName().compose(name -> named(name, "active gateway in " + configDir()));
  }

  private Future<GatewayConnection> fromValue(String value, String source) {
    if (value.contains("://")) {
      try {
        return Future.succeededFuture(GatewayConnection.builder(value).source(source).build());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new IllegalArgumentException(source + ": " + e.getMessage(), e));
      }
    }
    return named(value, source);
  }

  private Future<String> activeName() {
    Path active = configDir().resolve("active_gateway");
    Path gateways = configDir().resolve("gateways");
    return fs.exists(active.toString()).compose(exists -> {
      if (exists) {
        return fs.readFile(active.toString()).map(b -> b.toString().trim());
      }
      return fs.exists(gateways.toString())
          .compose(any -> any ? fs.readDir(gateways.toString()) : Future.succeededFuture(List.<String>of()))
          .compose(dirs -> dirs.size() == 1
              ? Future.succeededFuture(Path.of(dirs.get(0)).getFileName().toString())
              : Future.failedFuture(new IllegalArgumentException(
                  "no OpenShell gateway configured: set an endpoint, " + ENV_GATEWAY + ", or " + active
                      + " (found " + dirs.size() + " gateways in " + gateways + ")")));
    });
  }

  private Future<GatewayConnection> named(String name, String source) {
    if (!NAME.matcher(name).matches()) {
      return Future.failedFuture(new IllegalArgumentException(source + ": invalid gateway name '" + name + "'"));
    }
    Path dir = configDir().resolve("gateways").resolve(name);
    Path metadata = dir.resolve("metadata.json");
    return fs.exists(metadata.toString())
        .compose(exists -> exists
            ? fs.readFile(metadata.toString())
            : Future.failedFuture(new IllegalArgumentException(
                source + ": gateway '" + name + "' has no " + metadata)))
        .compose(bytes -> {
          JsonObject json;
          try {
            json = new JsonObject(bytes);
          } catch (DecodeException e) {
            return Future.failedFuture(new IllegalArgumentException(metadata + " is not a JSON object: " + e.getMessage(), e));
          }
          String endpoint = json.getString("gateway_endpoint", "").trim();
          if (endpoint.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException(metadata + " has no gateway_endpoint"));
          }
          GatewayConnection.Builder builder;
          try {
            builder = GatewayConnection.builder(endpoint)
                .authMode(json.getString("auth_mode", ""))
                .source(source + " (gateway '" + name + "')");
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException(metadata + ": gateway_endpoint: " + e.getMessage(), e));
          }
          boolean https = endpoint.regionMatches(true, 0, "https://", 0, 8);
          return https ? withBundle(builder, dir.resolve("mtls")) : Future.succeededFuture(builder.build());
        });
  }

  private Future<GatewayConnection> withBundle(GatewayConnection.Builder builder, Path mtls) {
    Path ca = mtls.resolve("ca.crt");
    Path cert = mtls.resolve("tls.crt");
    Path key = mtls.resolve("tls.key");
    Future<Boolean> hasCa = fs.exists(ca.toString());
    Future<Boolean> hasCert = fs.exists(cert.toString());
    Future<Boolean> hasKey = fs.exists(key.toString());
    return Future.all(hasCa, hasCert, hasKey).map(all -> {
      if (hasCa.result()) {
        builder.caPem(ca);
      }
      if (hasCert.result() && hasKey.result()) {
        builder.clientCertificate(cert, key);
      }
      return builder.build();
    });
  }
}
