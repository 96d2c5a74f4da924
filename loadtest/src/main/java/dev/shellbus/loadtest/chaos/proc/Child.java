package dev.shellbus.loadtest.chaos.proc;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process slot the chaos runner controls: a Java main started from this JVM's class path, its output appended to
 * one log file across restarts. It knows which exits it caused (a SIGKILL, a stop) and counts the others as crashes;
 * with {@code restartOnCrash} it starts the process again after a crash, as a supervisor would.
 */
public final class Child {

  private static final Logger LOG = LoggerFactory.getLogger(Child.class);

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private final boolean restartOnCrash;
  private final AtomicInteger crashes = new AtomicInteger();
  private final AtomicInteger kills = new AtomicInteger();
  private final List<String> crashNotes = new ArrayList<>();
  private Process process;
  private boolean expectingExit;
  private boolean closed;

  /**
   * @param name the slot's name in logs and the report
   * @param mainClass the main to run
   * @param jvmArgs JVM options
   * @param args program arguments
   * @param env extra environment variables (secrets go here, not on the command line)
   * @param log the log file, appended to
   * @param restartOnCrash whether an exit the runner did not cause starts the process again
   */
  public Child(String name, String mainClass, List<String> jvmArgs, List<String> args, Map<String, String> env,
      Path log, boolean restartOnCrash) {
    this.name = name;
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmArgs);
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(mainClass);
    c.addAll(args);
    this.command = List.copyOf(c);
    this.env = Map.copyOf(env);
    this.log = log;
    this.restartOnCrash = restartOnCrash;
  }

  /** Starts the process; does nothing while it runs. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(
        log.toFile())).redirectInput(Redirect.PIPE);
    pb.environment().putAll(env);
    Process p = pb.start();
    process = p;
    expectingExit = false;
    closed = false;
    LOG.info("{} started, pid {}", name, p.pid());
    p.onExit().thenAccept(this::exited);
  }

  private void exited(Process p) {
    boolean restart;
    synchronized (this) {
      if (p != process || expectingExit) {
        return;
      }
      crashes.incrementAndGet();
      crashNotes.add(name + " pid " + p.pid() + " exited " + p.exitValue() + " (not killed by the runner)");
      LOG.warn("{} pid {} exited {} on its own", name, p.pid(), p.exitValue());
      restart = restartOnCrash && !closed;
    }
    if (restart) {
      try {
        Thread.sleep(1000);
        start();
      } catch (IOException | InterruptedException e) {
        LOG.error("{} restart after crash failed: {}", name, e.toString());
      }
    }
  }

  /** Sends SIGKILL and waits for the exit. */
  public void kill9() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
      expectingExit = true;
    }
    if (p != null && p.isAlive()) {
      kills.incrementAndGet();
      LOG.info("{} SIGKILL pid {}", name, p.pid());
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Sends SIGTERM, waits up to {@code seconds}, then SIGKILL; a stopped slot is not restarted. */
  public void stop(int seconds) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
      expectingExit = true;
      closed = true;
    }
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Tells whether the process runs now. */
  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** Returns the slot's name. */
  public String name() {
    return name;
  }

  /** Returns the log file. */
  public Path log() {
    return log;
  }

  /** Returns how many exits the runner did not cause. */
  public int crashes() {
    return crashes.get();
  }

  /** Returns how many SIGKILLs the runner sent. */
  public int kills() {
    return kills.get();
  }

  /** Returns one line per crash. */
  public synchronized List<String> crashNotes() {
    return List.copyOf(crashNotes);
  }
}
