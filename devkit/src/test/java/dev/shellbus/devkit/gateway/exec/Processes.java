package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Finds host processes by their command line, and polls with a deadline. */
final class Processes {

  private Processes() {}

  /** Returns a fresh number to use as a marker, e.g. as the argument of {@code sleep}. */
  static String marker() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(400_000, 900_000));
  }

  /** Returns the host pids whose command line contains {@code marker}, except this JVM. */
  static List<Long> withMarker(String marker) {
    return matching(cmdline -> cmdline.contains(marker));
  }

  /** Returns whether a host process runs with exactly the arguments {@code argv}. */
  static boolean runs(String... argv) {
    String cmdline = String.join("\0", argv) + "\0";
    return !matching(cmdline::equals).isEmpty();
  }

  private static List<Long> matching(Predicate<String> commandLine) {
    List<Long> pids = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
          long pid = Long.parseLong(entry.getFileName().toString());
          if (pid != self && commandLine.test(cmdline)) {
            pids.add(pid);
          }
        } catch (IOException vanished) {
          // The process exited while we looked.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code millis} pass; returns whether it held. */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
