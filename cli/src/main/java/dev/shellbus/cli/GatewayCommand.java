package dev.shellbus.cli;

import dev.shellbus.devkit.gateway.DevGatewayFlags;
import dev.shellbus.devkit.gateway.DevGatewayMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code shellbus gateway}: the dev gateway alone. Every argument goes to {@link DevGatewayMain}, which owns the flags
 * ({@link DevGatewayFlags}; {@code --help} lists them). It speaks the OpenShell gateway contract over gRPC and runs
 * each exec under bubblewrap.
 */
@Command(
    name = "gateway",
    description = {
      "Run the OpenShell dev gateway alone: bubblewrap sandboxes behind the OpenShell gRPC contract.",
      "Flags: --port N, --data-dir DIR, --isolation MODE, faults and more (shellbus gateway --help lists them)."
    })
final class GatewayCommand implements Callable<Integer> {

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // Returns once the gateway listens; its non-daemon Vert.x threads keep the process up until SIGTERM.
    DevGatewayMain.main(args.toArray(String[]::new));
    return 0;
  }
}
