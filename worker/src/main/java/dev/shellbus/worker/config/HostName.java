package dev.shellbus.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The host (or pod) name of this process, and the default worker id built from it. Heartbeats report the host name;
 * the worker id adds the process id, so that two workers on one host never share an id (a heartbeat on the compacted
 * workers topic, sandbox labels and logs each name one process).
 */
public final class HostName {

  private HostName() {}

  /** Returns {@code HOSTNAME}, else the JVM's view of the host name, else {@code unknown}. */
  public static String current() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** Returns {@code <host name>-<pid>}: readable, and unique per process on one host. */
  public static String defaultWorkerId() {
    return current() + "-" + ProcessHandle.current().pid();
  }
}
