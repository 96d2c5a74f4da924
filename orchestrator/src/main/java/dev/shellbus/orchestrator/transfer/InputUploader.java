package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Places input files into a sandbox through exec, since the gateway has no file RPC. Archives
 * (tar objects) are unpacked first, each by its own interactive {@code tar -x}; then every large
 * inline file and every object-store file goes into one tar stream on one interactive
 * {@code tar -x -C /}, objects streamed straight from the store into their entries; then each
 * small inline file goes in through one plain exec's stdin. Every exec is bounded by the deadline
 * and repeated if the sandbox was momentarily not ready.
 */
public final class InputUploader {
  private static final List<String> TAR_EXTRACT = List.of("tar", "-x", "-p", "-o", "-f", "-", "-C", "/");
  private static final String UNPACK = "mkdir -p \"$1\" && exec tar -x -p -o -f - -C \"$1\"";

  private final ExecLauncher launcher;
  private final ObjectStore store;
  private final TransferLimits limits;

  public InputUploader(ExecLauncher launcher, ObjectStore store, TransferLimits limits) {
    this.launcher = launcher;
    this.store = store;
    this.limits = limits;
  }

  /**
   * Writes all inputs, in the order archives, streamed files, small files; completes with one
   * receipt per input. {@code written} hears of each receipt as soon as its input is in the
   * sandbox (those of one tar batch when the batch's {@code tar} exited).
   */
  public Future<List<InputReceipt>> upload(SandboxHandle sandbox, List<FileInput> inputs, Deadline deadline,
      ExecLauncher.Observer observer, Consumer<InputReceipt> written) {
    List<FileInput> archives = new ArrayList<>();
    List<FileInput> streamed = new ArrayList<>();
    List<FileInput> small = new ArrayList<>();
    for (FileInput input : inputs) {
      SandboxPaths.requireAbsolute(input.path());
      if (input.source() instanceof InputSource.Archive) {
        archives.add(input);
      } else if (input.source() instanceof InputSource.Inline inline && inline.data().length <= limits.smallInputBytes()) {
        small.add(input);
      } else {
        streamed.add(input);
      }
    }
    List<InputReceipt> receipts = new ArrayList<>();
    Consumer<InputReceipt> done = receipt -> {
      receipts.add(receipt);
      written.accept(receipt);
    };
    Future<Void> chain = Future.succeededFuture();
    for (FileInput archive : archives) {
      chain = chain.compose(v -> retried(sandbox, deadline, observer, () -> unpack(sandbox, archive, deadline, observer))).map(receipt -> report(done, List.of(receipt)));
    }
    if (!streamed.isEmpty()) {
      chain = chain.compose(v -> retried(sandbox, deadline, observer, () -> tarBatch(sandbox, streamed, deadline, observer)))
          .map(batch -> report(done, batch));
    }
    for (FileInput file : small) {
      chain = chain.compose(v -> retried(sandbox, deadline, observer, () -> smallFile(sandbox, file, deadline, observer))).map(receipt -> report(done, List.of(receipt)));
    }
    return chain.map(v -> List.copyOf(receipts));
  }

  private static Void report(Consumer<InputReceipt> done, List<InputReceipt> receipts) {
    receipts.forEach(done);
    return null;
  }

  private <T> Future<T> retried(SandboxHandle sandbox, Deadline deadline, ExecLauncher.Observer observer, Supplier<Future<T>> op) {
    return launcher.withReadyRetry(sandbox, deadline, observer, op);
  }

  private Future<InputReceipt> smallFile(SandboxHandle sandbox, FileInput file, Deadline deadline, ExecLauncher.Observer observer) {
    byte[] data = ((InputSource.Inline) file.source()).data();
    String script = "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod " + Integer.toOctalString(file.mode()) + " \"$1\"";
    ExecSpec spec = new ExecSpec(List.of("sh", "-c", script, "sh", file.path()), "", Map.of(), data,
        ExecSpec.NO_TIMEOUT);
    return launcher.exec(sandbox, spec, deadline, observer)
        .compose(ExecCapture::of)
        .compose(capture -> capture.exitCode() == 0
            ? Future.succeededFuture(new InputReceipt(file.path(), data.length, DigestingReadStream.sha256Hex(data), ""))
            : Future.failedFuture(writeFailed(file.path(), capture)));
  }

  private Future<InputReceipt> unpack(SandboxHandle sandbox, FileInput archive, Deadline deadline, ExecLauncher.Observer observer) {
    String uri = ((InputSource.Archive) archive.source()).uri();
    ExecSpec spec = new ExecSpec(List.of("sh", "-c", UNPACK, "sh", archive.path()), "", Map.of(), null,
        ExecSpec.NO_TIMEOUT);
    return fetch(uri, deadline).compose(content -> launcher.interactive(sandbox, spec, deadline, observer).compose(call -> {
      DigestingReadStream body = new DigestingReadStream(content.body());
      Future<ExecCapture> exit = ExecCapture.of(call);
      Future<Void> sent = StreamCopy.copy(body, call.stdin(), limits.stdinChunkBytes());
      return finished(call, sent, exit, archive.path())
          .map(v -> new InputReceipt(archive.path(), body.size(), body.sha256Hex(), uri));
    }));
  }

  private Future<List<InputReceipt>> tarBatch(SandboxHandle sandbox, List<FileInput> files, Deadline deadline, ExecLauncher.Observer observer) {
    ExecSpec spec = new ExecSpec(TAR_EXTRACT, "", Map.of(), null, ExecSpec.NO_TIMEOUT);
    return launcher.interactive(sandbox, spec, deadline, observer).compose(call -> {
      Future<ExecCapture> exit = ExecCapture.of(call);
      TarStreamWriter writer = new TarStreamWriter(call.stdin(), limits.stdinChunkBytes());
      List<InputReceipt> receipts = new ArrayList<>();
      Future<Void> sent = Future.succeededFuture();
      for (FileInput file : files) {
        sent = sent.compose(v -> entry(writer, file, deadline)).map(receipts::add).mapEmpty();
      }
      sent = sent.compose(v -> writer.finish());
      return finished(call, sent, exit, "/").map(v -> List.copyOf(receipts));
    });
  }

  private Future<InputReceipt> entry(TarStreamWriter writer, FileInput file, Deadline deadline) {
    String name = SandboxPaths.relative(file.path());
    long now = System.currentTimeMillis() / 1000;
    if (file.source() instanceof InputSource.Inline inline) {
      byte[] data = inline.data();
      return writer.addBuffer(TarEntry.file(name, file.mode(), data.length, now), Buffer.buffer(data))
          .map(v -> new InputReceipt(file.path(), data.length, DigestingReadStream.sha256Hex(data), ""));
    }
    InputSource.FromObject object = (InputSource.FromObject) file.source();
    return fetch(object.uri(), deadline).compose(content -> {
      DigestingReadStream body = new DigestingReadStream(content.body());
      return writer.addStream(TarEntry.file(name, file.mode(), content.size(), now), body)
          .compose(v -> verified(file.path(), object, body));
    });
  }

  private static Future<InputReceipt> verified(String path, InputSource.FromObject object, DigestingReadStream body) {
    String actual = body.sha256Hex();
    if (object.sha256().isPresent() && !object.sha256().get().equalsIgnoreCase(actual)) {
      return Future.failedFuture(new ShellbusException(FailureCode.DIGEST_MISMATCH,
          "input " + path + " from " + object.uri() + " has SHA-256 " + actual + ", expected " + object.sha256().get()));
    }
    return Future.succeededFuture(new InputReceipt(path, body.size(), actual, object.uri()));
  }

  private Future<ObjectContent> fetch(String uri, Deadline deadline) {
    return store.get(ObjectRef.parse(uri), deadline).recover(failure -> Future.failedFuture(
        new ShellbusException(FailureCode.INPUT_UNAVAILABLE, "input " + uri + " cannot be read: " + failure.getMessage(), failure)));
  }

  /**
   * Waits for both the bytes to be sent and the command to exit. If sending fails, the call is
   * cancelled so the command does not wait for stdin forever; if the command exits first, sending
   * is abandoned.
   */
  private static Future<Void> finished(ExecCall call, Future<Void> sent, Future<ExecCapture> exit, String where) {
    Promise<Void> both = Promise.promise();
    sent.onFailure(failure -> {
      call.cancel();
      both.tryFail(failure);
    });
    exit.onComplete(result -> {
      if (result.failed()) {
        both.tryFail(result.cause());
      } else if (result.result().exitCode() != 0) {
        both.tryFail(writeFailed(where, result.result()));
      } else if (!sent.isComplete()) {
        both.tryFail(new ShellbusException(FailureCode.INPUT_UNAVAILABLE, "tar exited before all input for " + where + " was sent"));
      } else {
        both.tryComplete();
      }
    });
    return both.future();
  }

  private static ShellbusException writeFailed(String path, ExecCapture capture) {
    return capture.failure(FailureCode.INPUT_UNAVAILABLE, "writing input " + path + " into the sandbox");
  }
}
