package dev.shellbus.loadtest.chaos.proc;

import java.nio.file.Path;
import java.util.List;

/**
 * What the chaos stack runs.
 *
 * @param workDir where the broker log, the store's objects, the gateway's sandboxes and every log file go
 * @param ports the fixed ports
 * @param workers how many worker processes
 * @param isolation the dev gateway's exec isolation: {@code bubblewrap}, {@code none} or {@code simulated}
 * @param reaper whether a reaper process runs beside the workers
 * @param jvmArgs options of every forked JVM
 * @param workerFlags extra {@code --key=value} configuration flags of every worker, e.g. a consumer setting under test
 */
public record StackOptions(Path workDir, Ports ports, int workers, String isolation, boolean reaper,
    List<String> jvmArgs, List<String> workerFlags) {

  /** The isolation {@code auto} resolves to: bubblewrap when {@code /usr/bin/bwrap} runs, else plain processes. */
  public static String resolveIsolation(String asked) {
    if (!"auto".equals(asked)) {
      return asked;
    }
    try {
      Process p = new ProcessBuilder("/usr/bin/bwrap", "--ro-bind", "/", "/", "true").redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0 ? "bubblewrap" : "none";
    } catch (Exception e) {
      return "none";
    }
  }
}
