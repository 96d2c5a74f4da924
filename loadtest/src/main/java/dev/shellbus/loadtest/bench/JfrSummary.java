package dev.shellbus.loadtest.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a worker's CPU went, from its flight recording: {@code jdk.ExecutionSample} events counted by thread, by the
 * method on top of the stack, by the first shellbus method on the stack, and by the component a sample passes through
 * (a sample counts once per component it contains, so the shares overlap). Plain text, for the report.
 */
final class JfrSummary {

  private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("dev.shellbus.worker.", "shellbus worker");
    COMPONENTS.put("dev.shellbus.orchestrator.", "shellbus orchestrator");
    COMPONENTS.put("dev.shellbus.events.", "shellbus events (Avro, headers)");
    COMPONENTS.put("org.apache.kafka.", "Kafka clients");
    COMPONENTS.put("org.apache.avro.", "Avro");
    COMPONENTS.put("io.vertx.grpc", "Vert.x gRPC");
    COMPONENTS.put("com.google.protobuf.", "protobuf");
    COMPONENTS.put("io.vertx.core.http", "Vert.x HTTP");
    COMPONENTS.put("io.netty.handler.codec.http2", "Netty HTTP/2");
    COMPONENTS.put("io.netty.handler.ssl", "Netty TLS");
    COMPONENTS.put("io.netty.", "Netty (all)");
    COMPONENTS.put("software.amazon.awssdk.", "AWS SDK (S3)");
    COMPONENTS.put("java.security.MessageDigest", "SHA-256");
    COMPONENTS.put("sun.security.provider.SHA", "SHA-256");
    COMPONENTS.put("io.micrometer.", "Micrometer");
    COMPONENTS.put("org.apache.logging.", "log4j");
    COMPONENTS.put("java.util.zip.", "zip (class loading, compression)");
  }

  private JfrSummary() {}

  static String summarize(Path recording) throws IOException {
    Map<String, Integer> threads = new TreeMap<>();
    Map<String, Integer> tops = new TreeMap<>();
    Map<String, Integer> shellbus = new TreeMap<>();
    Map<String, Integer> components = new TreeMap<>();
    int total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      total++;
      String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1, Integer::sum);
      List<RecordedFrame> frames = frames(e.getStackTrace());
      if (!frames.isEmpty()) {
        tops.merge(name(frames.get(0)), 1, Integer::sum);
      }
      Set<String> seen = new HashSet<>();
      boolean foundShellbus = false;
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (!foundShellbus && n.startsWith("dev.shellbus.")) {
          shellbus.merge(n, 1, Integer::sum);
          foundShellbus = true;
        }
        COMPONENTS.forEach((prefix, label) -> {
          if (n.startsWith(prefix) && seen.add(label)) {
            components.merge(label, 1, Integer::sum);
          }
        });
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Execution samples: ").append(total).append('\n');
    section(sb, "By thread", threads, total, 12);
    section(sb, "By component on the stack (overlapping)", components, total, 20);
    section(sb, "Hottest methods (top of stack)", tops, total, 20);
    section(sb, "Hottest shellbus methods (first shellbus frame from the top)", shellbus, total, 15);
    return sb.toString();
  }

  private static List<RecordedFrame> frames(RecordedStackTrace trace) {
    return trace.getFrames();
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void section(StringBuilder sb, String title, Map<String, Integer> counts, int total, int limit) {
    sb.append('\n').append(title).append(":\n");
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit).forEach(e -> sb.append(
        String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getValue(),
            e.getKey())));
  }
}
