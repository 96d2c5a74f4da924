package dev.shellbus.devkit.gateway.exec;

import io.vertx.core.Vertx;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * What every running exec shares: Vert.x, the options, the counters, the blocking I/O pool, the registry, and the
 * process tooling. One per {@link ExecService}.
 *
 * @param vertx the Vert.x instance
 * @param options the exec options
 * @param stats the live counters
 * @param io the pool of blocking threads for pipes, stdin and process start and kill
 * @param registry the running execs
 * @param launcher builds host command lines
 * @param workspaces prepares workspace directories
 * @param random the seeded source of faults
 */
record Engine(Vertx vertx, ExecOptions options, ExecStats stats, ExecutorService io, ExecRegistry registry,
    Launcher launcher, Workspaces workspaces, Random random) {

  /** Draws whether the next exec stream breaks before its exit event. */
  boolean drawBreak() {
    double rate = options.breakRate();
    return rate > 0 && random.nextDouble() < rate;
  }
}
