package dev.shellbus.cli;

import dev.shellbus.worker.WorkerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code shellbus worker}: the production service, the same as the image's {@code WorkerMain}:
 * {@code --config FILE} and {@code --key=value} flags over {@code SHELLBUS_*} env over the file.
 * SIGTERM drains it and exits 0.
 */
@Command(
    name = "worker",
    description = {
      "Run a worker: consume shellbus.requests, drive the gateway, publish results.",
      "Flags: --config FILE and --<key>=VALUE for every key of worker/config/shellbus-worker.sample.yaml."
    })
final class WorkerCommand implements Callable<Integer> {

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    // Returns once the worker runs; its Vert.x threads keep the process up until SIGTERM drains it.
    WorkerMain.main(args.toArray(String[]::new));
    return 0;
  }
}
