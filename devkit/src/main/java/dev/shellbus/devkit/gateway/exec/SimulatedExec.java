package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import dev.shellbus.devkit.gateway.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;

/**
 * One exec that runs nothing: it writes the configured number of stdout bytes in chunks, at the configured rate, and
 * reports the configured exit code after the configured duration, honouring flow control, timeouts and cancels.
 *
 * <p>Used by load tests, where thousands of real processes would measure the host instead of the worker. An
 * interactive simulated exec discards stdin and reports its exit only after the client half-closed, as a real
 * {@code tar -x} would. Runs entirely on the call's context, on timers: no thread, no blocking.
 */
final class SimulatedExec implements RunningExec {

  private static final int BATCH = 16;
  private static final ByteString PATTERN = pattern(64 * 1024);

  private final Engine engine;
  private final Context context;
  private final EventSink sink;
  private final String sandboxId;
  private final long timeoutSeconds;
  private final boolean breakRelay;
  private final Promise<Void> terminated = Promise.promise();
  private long startNanos;
  private long sent;
  private boolean stdinOpen;
  private boolean done;
  private long timeoutTimer = -1;
  private long paceTimer = -1;

  SimulatedExec(Engine engine, Context context, EventSink sink, String sandboxId, long timeoutSeconds) {
    this.engine = engine;
    this.context = context;
    this.sink = sink;
    this.sandboxId = sandboxId;
    this.timeoutSeconds = timeoutSeconds;
    this.breakRelay = engine.drawBreak();
  }

  @Override
  public String sandboxId() {
    return sandboxId;
  }

  @Override
  public void start(ByteString stdin, boolean interactive, Runnable onStarted) {
    engine.stats().execStarted();
    startNanos = System.nanoTime();
    stdinOpen = interactive;
    if (timeoutSeconds > 0) {
      timeoutTimer = engine.vertx().setTimer(timeoutSeconds * 1000L,
          id -> finish(() -> sink.exit(ProcessExec.TIMEOUT_EXIT_CODE, breakRelay)));
    }
    onStarted.run();
    produce();
  }

  @Override
  public boolean writeStdin(ByteString data) {
    return true;
  }

  @Override
  public void whenStdinDrained(Runnable resume) {
    resume.run();
  }

  @Override
  public void closeStdin() {
    stdinOpen = false;
    produce();
  }

  @Override
  public void abort(Abort reason) {
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

  private void produce() {
    paceTimer = -1;
    ExecOptions options = engine.options();
    long total = options.simulatedStdoutBytes();
    for (int i = 0; i < BATCH && !done && sent < total && sink.writable(); i++) {
      long wait = paceDelayMillis(options);
      if (wait > 0) {
        paceTimer = engine.vertx().setTimer(wait, id -> produce());
        return;
      }
      int size = (int) Math.min(options.simulatedChunkBytes(), total - sent);
      engine.stats().produced(size);
      sink.output(false, PATTERN.substring(0, size));
      sent += size;
    }
    if (done) {
      return;
    }
    if (!sink.open()) {
      finish(() -> { });
      return;
    }
    if (sent < total) {
      sink.whenWritable(() -> context.runOnContext(v -> produce()));
      return;
    }
    long remaining = options.simulatedDuration().toNanos() - (System.nanoTime() - startNanos);
    if (remaining > 0) {
      paceTimer = engine.vertx().setTimer(Math.max(1, remaining / 1_000_000), id -> produce());
    } else if (!stdinOpen) {
      finish(() -> sink.exit(options.simulatedExitCode(), breakRelay));
    }
  }

  /** Returns how long to wait before the next chunk to keep the configured rate; 0 when unthrottled or behind. */
  private long paceDelayMillis(ExecOptions options) {
    long rate = options.simulatedBytesPerSecond();
    if (rate <= 0) {
      return 0;
    }
    long dueNanos = (long) (sent * 1e9 / rate);
    long elapsed = System.nanoTime() - startNanos;
    return dueNanos > elapsed ? Math.max(1, (dueNanos - elapsed) / 1_000_000) : 0;
  }

  private void finish(Runnable terminal) {
    if (done) {
      return;
    }
    done = true;
    terminal.run();
    if (timeoutTimer >= 0) {
      engine.vertx().cancelTimer(timeoutTimer);
    }
    if (paceTimer >= 0) {
      engine.vertx().cancelTimer(paceTimer);
    }
    engine.registry().remove(this);
    engine.stats().execEnded();
    terminated.tryComplete();
  }

  private static ByteString pattern(int size) {
    byte[] line = "shellbus simulated exec output\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = line[i % line.length];
    }
    return ByteString.copyFrom(bytes);
  }
}
