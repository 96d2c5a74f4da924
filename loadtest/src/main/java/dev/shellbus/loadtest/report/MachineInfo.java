package dev.shellbus.loadtest.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The machine and software a figure was measured on: cores, memory, CPU model, OS, JVM, library versions, the git
 * commit and the load average. Figures from a shared machine mean little without the load next to them.
 */
public final class MachineInfo {

  private MachineInfo() {}

  /** Collects everything now (the load average is the one at this moment). */
  public static JsonObject collect() {
    Runtime rt = Runtime.getRuntime();
    return new JsonObject()
        .put("cores", rt.availableProcessors())
        .put("memoryMiB", totalMemoryMiB())
        .put("cpu", cpuModel())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"))
        .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .put("maxHeapMiB", rt.maxMemory() >> 20)
        .put("shellbus", shellbusVersion())
        .put("kafkaClients", version("org.apache.kafka", "kafka-clients"))
        .put("vertx", version("io.vertx", "vertx-core"))
        .put("avro", version("org.apache.avro", "avro"))
        .put("commit", commit())
        .put("loadAverage", loadAverage());
  }

  /** Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Returns the commit under test: {@code -Dshellbus.commit}, else {@code git rev-parse}, marked when dirty. */
  public static String commit() {
    String given = System.getProperty("shellbus.commit");
    if (given != null && !given.isBlank()) {
      return given;
    }
    String head = git("rev-parse", "--short=12", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + " (uncommitted changes)";
  }

  private static String git(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static String version(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = MachineInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  private static String shellbusVersion() {
    try (InputStream in = MachineInfo.class.getResourceAsStream("/dev/shellbus/loadtest/version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  private static long totalMemoryMiB() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 20;
    }
    return -1;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
