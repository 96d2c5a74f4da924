package dev.shellbus.worker.config;

/**
 * The worker's {@code --help} text, written from {@link ConfigKeys}: one line per key with its flag, type, default and
 * environment variable, then its description. It is generated so that the help never lists a flag the loader does
 * not accept, nor misses one it does.
 */
public final class WorkerUsage {

  private WorkerUsage() {}

  /** Returns whether {@code args} asks for help ({@code --help} or {@code -h} anywhere). */
  public static boolean asked(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the usage text; {@code command} is how the user started the worker, e.g. {@code shellbus worker}. */
  public static String render(String command) {
    StringBuilder out = new StringBuilder()
        .append("Usage: ").append(command).append(" [--config FILE] [--KEY=VALUE ...]\n")
        .append("Run a worker: consume requests from Kafka, drive the OpenShell gateway, publish results.\n")
        .append("Precedence: flags > environment (SHELLBUS_*) > the --config YAML file > defaults.\n")
        .append("Secret keys are read only from their environment variable or their *-file key.\n")
        .append("SIGTERM or Ctrl-C drains the worker, then it exits 0. Exit codes: 1 start failed, 2 bad config.\n\n")
        .append("  --config FILE\n      YAML file with any of the keys below (sample: config/shellbus-worker.sample.yaml).\n");
    for (ConfigKey<?> key : ConfigKeys.all()) {
      out.append("  ").append(key.secret() ? "(env only) " + key.envName() : key.flag() + "=" + key.type().name())
          .append(defaultText(key))
          .append(key.secret() ? "" : "   env " + key.envName()).append('\n')
          .append("      ").append(key.description())
          .append(key.ruleText().isEmpty() ? "" : " Must be " + key.ruleText() + ".").append('\n');
    }
    return out.toString();
  }

  private static <T> String defaultText(ConfigKey<T> key) {
    T value = key.defaultValue();
    if (value == null || key.secret()) {
      return key.required() ? "   (required)" : "";
    }
    String shown = key.type().format(value);
    return shown.isEmpty() ? "" : "   (default " + shown + ")";
  }
}
