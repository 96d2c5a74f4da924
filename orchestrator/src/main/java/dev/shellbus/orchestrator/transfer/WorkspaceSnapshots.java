package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Stores a sandbox directory as one tar object: {@code tar -c -f - -C DIR .} on exec stdout,
 * streamed with backpressure straight into the store, SHA-256 and size on the way. Restoring is
 * an {@link InputSource.Archive} input. Exit 1 ("file changed as we read it") is accepted, as a
 * live workspace may change while it is read.
 */
public final class WorkspaceSnapshots {
  private final ExecLauncher launcher;
  private final ObjectStore store;
  private final long highWaterMark;

  public WorkspaceSnapshots(ExecLauncher launcher, ObjectStore store, long highWaterMark) {
    this.launcher = launcher;
    this.store = store;
    this.highWaterMark = highWaterMark;
  }

  /** Stores {@code directory} of the sandbox as a tar object at {@code ref}. */
  public Future<StoredObject> store(SandboxHandle sandbox, String directory, ObjectRef ref, Deadline deadline,
      ExecLauncher.Observer observer) {
    ExecSpec spec = new ExecSpec(List.of("tar", "-c", "-f", "-", "-C", SandboxPaths.requireAbsolute(directory), "."),
        "", Map.of(), null, ExecSpec.NO_TIMEOUT);
    return launcher.withReadyRetry(sandbox, deadline, observer,
        () -> launcher.exec(sandbox, spec, deadline, observer).compose(call -> stream(call, ref, deadline)));
  }

  private Future<StoredObject> stream(ExecCall call, ObjectRef ref, Deadline deadline) {
    BufferPipe pipe = BufferPipe.onCurrentContext(highWaterMark);
    Future<StoredObject> stored = store.put(ref, pipe, "application/x-tar", deadline);
    Buffer stderr = Buffer.buffer();
    ExitWatch exit = new ExitWatch(call);
    call.events().handler(event -> {
      exit.seen(event);
      if (event instanceof ExecEvent.Stdout out) {
        pipe.write(out.data());
        if (pipe.writeQueueFull()) {
          call.events().pause();
          pipe.drainHandler(v -> call.events().resume());
        }
      } else if (event instanceof ExecEvent.Stderr err && stderr.length() < ExecCapture.LIMIT) {
        stderr.appendBuffer(err.data());
      }
    });
    return exit.future()
        .compose(code -> {
          if (code > 1) {
            ShellbusException failure = new ExecCapture(code, "", new String(stderr.getBytes(), StandardCharsets.UTF_8))
                .failure(FailureCode.ARTIFACT_FAILED, "snapshot tar");
            pipe.abort(failure);
            return Future.failedFuture(failure);
          }
          pipe.end();
          return stored;
        }, failure -> {
          pipe.abort(failure);
          return Future.failedFuture(failure);
        });
  }
}
