package dev.shellbus.devkit.gateway.exec;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.InvalidMessageException;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves ExecSandbox and ExecSandboxInteractive for the dev gateway, per the contract (sections 4.7 and 4.8).
 *
 * <p>Checks run in the gateway's order, each answered at once: size (OUT_OF_RANGE), required fields and limits
 * (INVALID_ARGUMENT), unknown sandbox (NOT_FOUND), not READY (FAILED_PRECONDITION), command string too long
 * (INVALID_ARGUMENT). Then the command runs as the {@link ExecOptions} say, its output streams back with flow control,
 * and the exit event comes last. Unlike the real gateway, a client cancel or deadline, a timeout, a sandbox delete and
 * {@link #close} all kill the command's whole process tree.
 *
 * <p>Threading: the RPC methods run on the call's event loop and never block. Pipe reads, stdin writes, process start
 * and kill run on a cached pool of daemon threads ({@code shellbus-exec-io-N}), at most three per running exec, and
 * running execs are capped by {@link ExecOptions#maxConcurrentExecs()}.
 */
public final class ExecService {

  private static final Logger LOG = LoggerFactory.getLogger(ExecService.class);

  private final ExecTargets targets;
  private final Engine engine;

  /**
   * Creates the exec engine.
   *
   * @param vertx the Vert.x instance whose contexts the calls run on
   * @param targets looks sandboxes up by UUID
   * @param options isolation, limits, simulation and faults
   * @throws IllegalStateException when the isolation mode cannot run here (bubblewrap missing)
   */
  public ExecService(Vertx vertx, ExecTargets targets, ExecOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    this.targets = Objects.requireNonNull(targets, "targets");
    options.isolation().check();
    boolean root = Launcher.runningAsRoot();
    if (options.isolation() == Isolation.NONE) {
      LOG.warn("EXEC ISOLATION IS OFF (--isolation=none): sandbox commands run as plain host processes with the"
          + " gateway's own user ({}), its network and its whole file system", root ? "root" : "non-root");
    } else if (options.isolation() == Isolation.BUBBLEWRAP && !root) {
      LOG.warn("the dev gateway is not root, so sandbox commands run under bubblewrap with its own uid, not {}",
          options.sandboxUid());
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService io = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "shellbus-exec-io-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.engine = new Engine(vertx, options, new ExecStats(), io, new ExecRegistry(options.maxConcurrentExecs()),
        new Launcher(options, root), new Workspaces(), new Random(options.seed()));
  }

  /** Returns the live counters (bytes in flight, execs running), for tests and load runs. */
  public ExecStats stats() {
    return engine.stats();
  }

  /** Returns the options this engine runs with. */
  public ExecOptions options() {
    return engine.options();
  }

  /** Serves one ExecSandbox call: a single request, then output events, then exit. */
  public void execSandbox(GrpcServerRequest<ExecSandboxRequest, ExecSandboxEvent> call) {
    Context context = engine.vertx().getOrCreateContext();
    EventSink sink = new EventSink(call.response(), engine.stats());
    CallBinding binding = CallBinding.bind(call, sink);
    boolean[] seen = {false};
    call.invalidMessageHandler(invalid -> sink.fail(decodeFailure(invalid)));
    call.handler(request -> {
      if (seen[0]) {
        return;
      }
      seen[0] = true;
      open(request, request.getSerializedSize(), sink, context).ifPresent(run -> {
        binding.attach(run);
        run.start(request.getStdin(), false, () -> { });
      });
    });
    call.endHandler(v -> {
      if (!seen[0]) {
        sink.fail(GatewayException.invalid("missing ExecSandboxRequest"));
      }
    });
  }

  /** Serves one ExecSandboxInteractive call: a {@code start} frame, then stdin frames until the client half-closes. */
  public void execSandboxInteractive(GrpcServerRequest<ExecSandboxInput, ExecSandboxEvent> call) {
    Context context = engine.vertx().getOrCreateContext();
    EventSink sink = new EventSink(call.response(), engine.stats());
    CallBinding binding = CallBinding.bind(call, sink);
    call.invalidMessageHandler(invalid -> sink.fail(decodeFailure(invalid)));
    new InteractiveSession(call, sink, binding, (request, size) -> open(request, size, sink, context)).bind();
  }

  /** Kills every process running for the given sandbox; their streams fail UNAVAILABLE, like a dropped relay. */
  public void onDeleted(String sandboxId) {
    engine.registry().of(Objects.requireNonNull(sandboxId, "sandboxId"))
        .forEach(run -> run.abort(RunningExec.Abort.GONE));
  }

  /** Refuses new execs, kills every running one, and completes once their processes are gone (at most 10 s). */
  public Future<Void> close() {
    List<RunningExec> running = engine.registry().close();
    running.forEach(run -> run.abort(RunningExec.Abort.GONE));
    List<Future<Void>> gone = running.stream().map(RunningExec::terminated).toList();
    // The I/O pool is not shut down: pump threads end with their pipes, and idle threads expire after a minute.
    return Future.join(gone).timeout(10, TimeUnit.SECONDS).mapEmpty();
  }

  /** Runs the checks of one exec request and returns the exec, registered but not started; or fails the call. */
  private Optional<RunningExec> open(ExecSandboxRequest request, long size, EventSink sink, Context context) {
    if (!sink.open()) {
      return Optional.empty();
    }
    try {
      ExecRequests.checkSize(size);
      ExecRequests.validate(request);
      ExecTarget target = targets.find(request.getSandboxId())
          .orElseThrow(() -> GatewayException.notFound("sandbox not found"));
      if (!target.ready()) {
        throw GatewayException.precondition("sandbox is not ready");
      }
      String command = ShellCommand.build(request);
      long timeout = Integer.toUnsignedLong(request.getTimeoutSeconds());
      RunningExec run = engine.options().isolation() == Isolation.SIMULATED
          ? new SimulatedExec(engine, context, sink, target.id(), timeout)
          : new ProcessExec(engine, context, sink, target, engine.launcher().build(target, command, request.getTty()),
              timeout);
      if (!engine.registry().tryAdd(run)) {
        throw new GatewayException(GrpcStatus.UNAVAILABLE, "supervisor relay failed: the dev gateway is closing or"
            + " already runs its maximum of " + engine.options().maxConcurrentExecs() + " execs");
      }
      return Optional.of(run);
    } catch (RuntimeException e) {
      sink.fail(e);
      return Optional.empty();
    }
  }

  private static GatewayException decodeFailure(InvalidMessageException invalid) {
    if (invalid instanceof MessageSizeOverflowException overflow) {
      return ExecRequests.tooLarge(overflow.messageSize());
    }
    return GatewayException.invalid("malformed exec message: " + invalid.getMessage());
  }
}
