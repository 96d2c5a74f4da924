package dev.shellbus.worker;

/** The host (or pod) name heartbeats report: {@code HOSTNAME}, else the JVM's view of it. */
final class WorkerHost {

  private WorkerHost() {}

  static String name() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }
}
