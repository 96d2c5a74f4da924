package dev.shellbus.cli;

import dev.shellbus.worker.ReaperMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code shellbus reaper}: the reconciler, deployable beside the workers. Every argument goes to {@link ReaperMain},
 * which owns the flags: {@code --config FILE} (the workers' file), {@code --dry-run}, {@code --once} and
 * {@code --<key>=VALUE}. Without {@code --once} it runs until SIGTERM.
 */
@Command(
    name = "reaper",
    description = {
      "Run the reaper: delete sandboxes that outlived their session TTL, keep TTL, worker or request; publish receipts.",
      "Flags: --config FILE, --dry-run, --once, --<key>=VALUE (shellbus reaper --help lists them)."
    })
final class ReaperCommand implements Callable<Integer> {

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    ReaperMain.main(args.toArray(String[]::new));
    return 0;
  }
}
