package dev.shellbus.devkit.gateway.exec;

/** The exec behaviour under bubblewrap, the default isolation. */
class ExecBubblewrapIT extends ExecBehaviourContract {

  @Override
  ExecOptions options() {
    return ExecOptions.defaults();
  }

  @Override
  String home(ExecTarget sandbox) {
    return "/sandbox";
  }
}
