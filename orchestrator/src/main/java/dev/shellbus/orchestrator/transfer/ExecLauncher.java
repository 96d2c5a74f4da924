package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts execs the way every byte mover and step needs them: each started call is handed to an
 * {@link Observer} so that a cancel can reach it, and {@link #withReadyRetry} repeats a whole
 * operation (start, stream, exit) when the sandbox answered "not ready" (READY dropped back to
 * PROVISIONING while its supervisor reconnects), after awaiting READY again, a bounded number of
 * times. The gateway refuses such an exec before running anything, so the repeat is safe.
 *
 * <p>Every exec first asks the observer's {@link Observer#fenced() fence}: an attempt that lost its claim on the
 * request fails with {@code INTERRUPTED} before the gateway is called.
 */
public final class ExecLauncher {
  /** Hears about calls as they start and about sandboxes that were not ready. */
  public interface Observer {
    /** No-op observer. */
    Observer NONE = new Observer() {};

    /** A call started; cancelling it ends the stream. */
    default void started(ExecCall call) {}

    /** The sandbox answered not ready; the operation will be retried after it is READY again. */
    default void notReady(int attempt) {}

    /** Empty while the attempt may touch the sandbox, else why it may not; thread-safe and non-blocking. */
    default Optional<String> fenced() {
      return Optional.empty();
    }
  }

  private final GatewayClient gateway;
  private final int maxNotReadyRetries;

  public ExecLauncher(GatewayClient gateway, int maxNotReadyRetries) {
    this.gateway = gateway;
    this.maxNotReadyRetries = maxNotReadyRetries;
  }

  /** The gateway behind this launcher. */
  public GatewayClient gateway() {
    return gateway;
  }

  /** Starts a non-interactive exec (stdin inside {@code spec}); wrap it in {@link #withReadyRetry}. */
  public Future<ExecCall> exec(SandboxHandle sandbox, ExecSpec spec, Deadline deadline, Observer observer) {
    return start(sandbox, spec, false, deadline, observer);
  }

  /** Starts an interactive exec whose stdin is streamed through {@link ExecCall#stdin()}; wrap it in {@link #withReadyRetry}. */
  public Future<ExecCall> interactive(SandboxHandle sandbox, ExecSpec spec, Deadline deadline, Observer observer) {
    return start(sandbox, spec, true, deadline, observer);
  }

  /**
   * Runs {@code operation}; if it fails with {@code SANDBOX_NOT_READY}, waits for READY and runs it
   * again, at most {@code maxNotReadyRetries} times. The operation must be safe to repeat.
   */
  public <T> Future<T> withReadyRetry(SandboxHandle sandbox, Deadline deadline, Observer observer, Supplier<Future<T>> operation) {
    return attempt(sandbox, deadline, observer, operation, 1);
  }

  /** The failure that refuses {@code operation} when {@code observer}'s fence is up; empty when it may proceed. */
  public static Optional<ShellbusException> refusal(Observer observer, String operation) {
    return observer.fenced().map(why -> new ShellbusException(FailureCode.INTERRUPTED,
        "fenced, no " + operation + ": " + why));
  }

  private Future<ExecCall> start(SandboxHandle sandbox, ExecSpec spec, boolean interactive, Deadline deadline, Observer observer) {
    Optional<ShellbusException> refused = refusal(observer, "exec in " + sandbox.name());
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    if (deadline.expired()) {
      return Future.failedFuture(new ShellbusException(FailureCode.DEADLINE_EXCEEDED, "deadline passed before exec"));
    }
    Future<ExecCall> call = interactive
        ? gateway.execInteractive(sandbox, spec, deadline)
        : gateway.exec(sandbox, spec, deadline);
    return call.andThen(done -> {
      if (done.succeeded()) {
        observer.started(done.result());
      }
    });
  }

  private <T> Future<T> attempt(SandboxHandle sandbox, Deadline deadline, Observer observer, Supplier<Future<T>> operation, int attempt) {
    return operation.get().recover(failure -> {
      if (!notReady(failure) || attempt > maxNotReadyRetries) {
        return Future.failedFuture(failure);
      }
      observer.notReady(attempt);
      return gateway.awaitReady(sandbox, deadline)
          .compose(info -> attempt(sandbox, deadline, observer, operation, attempt + 1));
    });
  }

  /** Whether a failure means the sandbox was not READY when the exec arrived. */
  public static boolean notReady(Throwable failure) {
    return failure instanceof ShellbusException se && se.code() == FailureCode.SANDBOX_NOT_READY;
  }
}
