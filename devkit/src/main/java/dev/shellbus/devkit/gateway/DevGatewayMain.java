package dev.shellbus.devkit.gateway;

import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Runs a dev gateway alone: {@code shellbus gateway --port 17670}, or {@code java ...
 * dev.shellbus.devkit.gateway.DevGatewayMain --port=17670}.
 *
 * <p>It prints the endpoint once it listens and stops cleanly on SIGTERM or Ctrl-C (a shutdown hook stops the gateway,
 * which kills running execs, then closes Vert.x). Exit codes: 0 after a clean stop, 2 for bad flags, 1 when the
 * gateway cannot start.
 */
public final class DevGatewayMain {

  private DevGatewayMain() {}

  /** Parses the flags (see {@link DevGatewayFlags#USAGE}) and runs until the process is terminated. */
  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(DevGatewayFlags.USAGE);
      return;
    }
    DevGatewayOptions options;
    try {
      options = DevGatewayFlags.parse(args, System.getenv());
    } catch (IllegalArgumentException bad) {
      System.err.println("shellbus gateway: " + bad.getMessage() + " (shellbus gateway --help lists the flags)");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    DevGateway gateway;
    try {
      gateway = DevGateway.start(vertx, options).await(30, TimeUnit.SECONDS);
    } catch (Exception failed) {
      System.err.println("shellbus gateway: cannot start: " + failed.getMessage());
      vertx.close().await(10, TimeUnit.SECONDS);
      System.exit(1);
      return;
    }
    System.out.println("dev gateway listening on " + gateway.endpoint() + " (data in " + gateway.dataDir() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        gateway.stop().await(15, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception stopFailed) {
        System.err.println("shellbus gateway: unclean stop: " + stopFailed);
      }
    }, "dev-gateway-shutdown"));
  }
}
