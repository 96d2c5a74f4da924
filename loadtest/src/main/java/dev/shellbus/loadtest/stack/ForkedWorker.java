package dev.shellbus.loadtest.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a JVM of its own ({@link ForkedWorkerMain}), started from this JVM's class path, so that its CPU time
 * and heap can be measured apart from the broker, the gateway and the load generator. Its output goes to a log file.
 */
final class ForkedWorker implements WorkerHandle {

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private ForkedWorker(Process process) {
    this.process = process;
    this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
  }

  /**
   * Forks the worker JVM and waits until it consumes.
   *
   * @param settings the worker's configuration keys and raw values
   * @param jvmArgs options of the worker JVM, e.g. {@code -Xmx1g} or a flight recording
   * @param log where the worker's stdout and stderr go
   */
  static ForkedWorker start(Map<String, String> settings, List<String> jvmArgs, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForkedWorkerMain.class.getName());
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    ForkedWorker worker = new ForkedWorker(process);
    worker.pump(log.resolveSibling(log.getFileName() + ".out"));
    settings.forEach((k, v) -> worker.commands.println(k + "=" + v));
    worker.commands.println();
    String first = worker.reply(180);
    if (first == null || !first.startsWith("@ready")) {
      process.destroyForcibly();
      throw new IOException("forked worker did not start: " + (first == null ? "no answer in 180 s" : first)
          + "; see " + log);
    }
    return worker;
  }

  private void pump(Path out) throws IOException {
    Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); writer) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.startsWith("@")) {
            replies.add(line);
          } else {
            writer.write(line + "\n");
          }
        }
      } catch (IOException e) {
        // the worker ended
      }
    }, "shellbus-loadtest-worker-out");
    t.setDaemon(true);
    t.start();
  }

  private String reply(int seconds) {
    try {
      return replies.poll(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Returns the worker's process id. */
  long pid() {
    return process.pid();
  }

  @Override
  public synchronized WorkerSample sample(boolean gcFirst) {
    commands.println(gcFirst ? "gc" : "sample");
    String line = reply(60);
    if (line == null || !line.startsWith("@sample")) {
      throw new IllegalStateException("forked worker did not answer a sample: " + line);
    }
    return WorkerSample.parse(line);
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public void close() {
    commands.println("stop");
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
