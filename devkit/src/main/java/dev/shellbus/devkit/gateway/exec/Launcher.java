package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the host command line of one exec: {@code /bin/bash -lc <string>}, wrapped in prlimit, setpriv and
 * bubblewrap for {@link Isolation#BUBBLEWRAP}, and in {@code setsid -w} in every mode, so that each exec leads its own
 * session and process group and a Ctrl-C in the terminal that runs the gateway interrupts the gateway, not the execs.
 *
 * <p>The bubblewrap line is the proven one of DEPENDENCIES.md section 7 with these changes. The sandbox sees no host
 * directory but the {@link SystemView} (programs, libraries and a small {@code /etc}, read-only) on bubblewrap's own
 * root, remounted read-only; no home, no {@code /opt}, no checkout, no data directory, no other sandbox. {@code /tmp}
 * is the sandbox's own persistent directory ({@link ExecTarget#tmpDirectory}), not a fresh tmpfs per exec. And the
 * environment travels in the process environment (cleared, then set) rather than as {@code --clearenv --setenv}
 * arguments, so that secret values never show in the host's {@code ps}.
 */
final class Launcher {

  /** The default {@code PATH} inside a sandbox. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** Where the workspace is mounted inside the sandbox. */
  static final String SANDBOX_HOME = "/sandbox";

  private final ExecOptions options;
  private final boolean root;
  private final List<String> systemView;
  private final int uid;
  private final int gid;
  private final Map<String, String> tools = new LinkedHashMap<>();

  Launcher(ExecOptions options, boolean root) {
    this.options = options;
    this.root = root;
    this.systemView = options.isolation() == Isolation.BUBBLEWRAP ? SystemView.hostBinds(Path.of("/")) : List.of();
    this.uid = switchesUser() ? options.sandboxUid() : ownId("unix:uid");
    this.gid = switchesUser() ? options.sandboxGid() : ownId("unix:gid");
    for (String tool : List.of("prlimit", "setpriv", "bwrap", "setsid")) {
      tools.put(tool, Isolation.which(tool).map(Path::toString).orElse(tool));
    }
  }

  /** Returns whether the gateway runs as root, which is when the sandbox uid can be switched to. */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException unknown) {
      return false;
    }
  }

  /** Returns the {@code /etc/passwd} a sandbox sees: it names the uid its commands run as. */
  String passwd() {
    return SystemView.passwd(uid, gid);
  }

  /** Returns the {@code /etc/group} a sandbox sees. */
  String group() {
    return SystemView.group(gid);
  }

  private static int ownId(String attribute) {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), attribute);
    } catch (IOException | RuntimeException unknown) {
      return ExecOptions.NOBODY;
    }
  }

  /** Returns whether commands switch to the sandbox uid (bubblewrap as root). */
  boolean switchesUser() {
    return root && options.isolation() == Isolation.BUBBLEWRAP;
  }

  /** Returns a process builder for {@code shellCommand} in {@code target}; stderr is merged when {@code tty}. */
  ProcessBuilder build(ExecTarget target, String shellCommand, boolean tty) {
    boolean bubblewrap = options.isolation() == Isolation.BUBBLEWRAP;
    String home = bubblewrap ? SANDBOX_HOME : target.workspace().toAbsolutePath().toString();
    // The JVM's child is never a process-group leader, so setsid calls setsid() and execs without forking: the
    // process the JVM waits for, kills and pipes to stays the command itself, and so does its exit status.
    List<String> argv = new ArrayList<>(List.of(tools.get("setsid"), "-w"));
    if (bubblewrap) {
      bubblewrapPrefix(argv, target);
    }
    argv.addAll(List.of("/bin/bash", "-lc", shellCommand));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(tty);
    builder.directory(bubblewrap ? null : target.workspace().toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(environment(target, home));
    return builder;
  }

  /** Returns the child's environment: the fixed gateway variables, then {@code spec.environment}. */
  static Map<String, String> environment(ExecTarget target, String home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OPENSHELL_SANDBOX", "1");
    env.put("HOME", home);
    env.put("USER", "sandbox");
    env.put("SHELL", "/bin/bash");
    env.put("PATH", PATH);
    env.put("TERM", "dumb");
    env.putAll(target.environment());
    return env;
  }

  private void bubblewrapPrefix(List<String> argv, ExecTarget target) {
    argv.add(tools.get("prlimit"));
    argv.add("--nproc=" + limit(options.nprocLimit()));
    argv.add("--as=" + limit(options.addressSpaceBytes()));
    argv.add("--nofile=" + limit(options.openFilesLimit()));
    argv.add("--fsize=" + limit(options.fileSizeBytes()));
    argv.add("--");
    if (root) {
      argv.addAll(List.of(tools.get("setpriv"), "--reuid=" + options.sandboxUid(), "--regid=" + options.sandboxGid(),
          "--clear-groups", "--"));
    }
    argv.add(tools.get("bwrap"));
    Path workspace = target.workspace().toAbsolutePath().normalize();
    argv.addAll(systemView);
    argv.addAll(SystemView.generatedBinds(SystemView.identityDirectory(workspace)));
    argv.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--bind", ExecTarget.tmpDirectory(workspace).toString(),
        "/tmp"));
    argv.addAll(List.of("--bind", workspace.toString(), SANDBOX_HOME));
    argv.addAll(List.of("--remount-ro", "/", "--chdir", SANDBOX_HOME, "--unshare-all"));
    if (target.networkAllowed()) {
      argv.add("--share-net");
    }
    argv.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--"));
  }

  private static String limit(long value) {
    return value == 0 ? "unlimited" : Long.toString(value);
  }
}
