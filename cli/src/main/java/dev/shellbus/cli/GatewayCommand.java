package dev.shellbus.cli;

import dev.shellbus.devkit.gateway.DevGatewayFlags;
import dev.shellbus.devkit.gateway.DevGatewayMain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code shellbus gateway}: the dev gateway alone, with the flags of {@link DevGatewayFlags}. It
 * speaks the OpenShell gateway contract over gRPC and runs each exec under bubblewrap.
 */
@Command(
    name = "gateway",
    description = "Run the OpenShell dev gateway alone (flags: shellbus gateway --help).",
    helpCommand = false)
final class GatewayCommand implements Callable<Integer> {

  @Unmatched
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    // Returns once the gateway listens; its non-daemon Vert.x threads keep the process up until SIGTERM.
    DevGatewayMain.main(args.toArray(String[]::new));
    return 0;
  }
}
