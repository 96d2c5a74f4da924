package dev.shellbus.devkit.gateway.exec;

/** The exec behaviour with {@code --isolation=none}: plain host processes in the workspace directory. */
class ExecPlainIT extends ExecBehaviourContract {

  @Override
  ExecOptions options() {
    return ExecOptions.builder().isolation(Isolation.NONE).build();
  }

  @Override
  String home(ExecTarget sandbox) {
    return sandbox.workspace().toAbsolutePath().toString();
  }
}
