package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import dev.shellbus.devkit.gateway.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec as a real host process (plain or under bubblewrap): start, stdin, output pumps, exit, timeout and kill.
 *
 * <p>The exit event is sent only after the process exited and both pipes reached end of stream, so it is always
 * last. On timeout the exit event carries 124 at once and the process tree is killed. Everything except
 * {@link #abort} and the pump threads runs on the call's context.
 */
final class ProcessExec implements RunningExec {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessExec.class);
  static final int TIMEOUT_EXIT_CODE = 124;

  private final Engine engine;
  private final Context context;
  private final EventSink sink;
  private final ExecTarget target;
  private final ProcessBuilder builder;
  private final long timeoutSeconds;
  private final boolean breakRelay;
  private final Promise<Void> terminated = Promise.promise();
  private final AtomicBoolean killed = new AtomicBoolean();
  private Process process;
  private StdinPump stdin;
  private boolean stdoutDone;
  private boolean stderrDone;
  private Integer exitCode;
  private boolean done;
  private boolean startFailed;
  private long timer = -1;

  ProcessExec(Engine engine, Context context, EventSink sink, ExecTarget target, ProcessBuilder builder,
      long timeoutSeconds) {
    this.engine = engine;
    this.context = context;
    this.sink = sink;
    this.target = target;
    this.builder = builder;
    this.timeoutSeconds = timeoutSeconds;
    this.breakRelay = engine.drawBreak();
  }

  @Override
  public String sandboxId() {
    return target.id();
  }

  @Override
  public void start(ByteString input, boolean interactive, Runnable onStarted) {
    engine.stats().execStarted();
    ExecOptions options = engine.options();
    boolean chown = engine.launcher().switchesUser();
    engine.io().execute(() -> {
      try {
        engine.workspaces().prepare(target.workspace(), options.sandboxUid(), options.sandboxGid(), chown);
        if (options.isolation() == Isolation.BUBBLEWRAP) {
          engine.workspaces().prepareTmp(target.workspace(), options.sandboxUid(), options.sandboxGid(), chown);
          engine.workspaces().prepareIdentity(target.workspace(), engine.launcher().passwd(),
              engine.launcher().group());
        }
        Process started = builder.start();
        context.runOnContext(v -> started(started, input, interactive, onStarted));
      } catch (Exception e) {
        LOG.warn("exec in sandbox {} failed to start: {}", target.name(), e.toString());
        context.runOnContext(v -> startFailed(e));
      }
    });
  }

  private void startFailed(Exception e) {
    startFailed = true;
    finish(() -> sink.fail(new GatewayException(GrpcStatus.INTERNAL, "exec failed to start: " + e.getMessage())));
  }

  private void started(Process started, ByteString input, boolean interactive, Runnable onStarted) {
    process = started;
    if (done) {
      kill();
      return;
    }
    stdin = new StdinPump(started.getOutputStream(), engine.stats());
    engine.io().execute(stdin);
    stdin.offer(input);
    if (!interactive) {
      stdin.finish();
    }
    int chunk = engine.options().chunkBytes();
    engine.io().execute(new OutputPump(started.getInputStream(), false, chunk, context, sink, engine.stats(),
        () -> pipeDone(false)));
    if (builder.redirectErrorStream()) {
      stderrDone = true;
    } else {
      engine.io().execute(new OutputPump(started.getErrorStream(), true, chunk, context, sink, engine.stats(),
          () -> pipeDone(true)));
    }
    started.onExit().thenAccept(p -> context.runOnContext(v -> exited(p.exitValue())));
    if (timeoutSeconds > 0) {
      timer = engine.vertx().setTimer(timeoutSeconds * 1000L, id -> timedOut());
    }
    onStarted.run();
  }

  @Override
  public boolean writeStdin(ByteString data) {
    return done || stdin == null || stdin.offer(data);
  }

  @Override
  public void whenStdinDrained(Runnable resume) {
    if (done || stdin == null) {
      resume.run();
    } else {
      stdin.whenDrained(() -> context.runOnContext(v -> resume.run()));
    }
  }

  @Override
  public void closeStdin() {
    if (stdin != null) {
      stdin.finish();
    }
  }

  @Override
  public void abort(Abort reason) {
    if (reason == Abort.CANCELLED && engine.options().commandsOutliveClients()) {
      // As on the real gateway: nothing more is sent, but the command runs on until it ends by itself.
      context.runOnContext(v -> sink.cancelled());
      return;
    }
    context.runOnContext(v -> finish(() -> {
      if (reason == Abort.GONE) {
        sink.fail(new GatewayException(GrpcStatus.UNAVAILABLE, EventSink.RELAY_CLOSED));
      } else {
        sink.cancelled();
      }
    }));
  }

  @Override
  public Future<Void> terminated() {
    return terminated.future();
  }

  private void exited(int code) {
    exitCode = code;
    if (engine.options().isolation() == Isolation.NONE) {
      // Background children of a plain process may still hold the pipes open; they die with the command, as they
      // do in a bubblewrap pid namespace.
      long session = process.pid();
      engine.io().execute(() -> ProcessTree.killSession(session));
    }
    maybeExit();
  }

  private void pipeDone(boolean stderr) {
    if (stderr) {
      stderrDone = true;
    } else {
      stdoutDone = true;
    }
    maybeExit();
  }

  private void maybeExit() {
    if (stdoutDone && stderrDone && exitCode != null) {
      int code = exitCode;
      finish(() -> sink.exit(code, breakRelay));
    }
  }

  private void timedOut() {
    timer = -1;
    finish(() -> sink.exit(TIMEOUT_EXIT_CODE, breakRelay));
  }

  /** Sends the terminal event once, then cleans up and kills whatever is left. */
  private void finish(Runnable terminal) {
    if (done) {
      return;
    }
    done = true;
    terminal.run();
    if (timer >= 0) {
      engine.vertx().cancelTimer(timer);
    }
    if (stdin != null) {
      stdin.finish();
    }
    engine.registry().remove(this);
    engine.stats().execEnded();
    if (process != null) {
      kill();
    } else if (startFailed) {
      terminated.tryComplete();
    }
    // Otherwise the process is still starting: started() sees done and kills it.
  }

  private void kill() {
    Process target = process;
    if (!killed.compareAndSet(false, true)) {
      return;
    }
    if (exitCode != null && engine.options().isolation() == Isolation.BUBBLEWRAP) {
      // bwrap exited, so its pid namespace and everything in it are gone already.
      terminated.tryComplete();
      return;
    }
    boolean session = engine.options().isolation() == Isolation.NONE;
    engine.io().execute(() -> {
      ProcessTree.kill(target.toHandle(), session);
      target.onExit().whenComplete((p, e) -> terminated.tryComplete());
    });
  }
}
