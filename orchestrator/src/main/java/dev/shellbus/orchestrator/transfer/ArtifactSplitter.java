package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of an artifact collection: reads the events of the {@code tar -c} exec, parses stdout,
 * routes entries to one {@link ArtifactSink} per declared path (tar emits its arguments in order),
 * pauses the exec while the current upload is behind, and completes once tar exited and every
 * upload finished. Any failure aborts the uploads and cancels the exec.
 */
final class ArtifactSplitter implements TarParser.Listener {
  private final List<String> declared;
  private final ObjectStore store;
  private final ArtifactKeys keys;
  private final long highWaterMark;
  private final Deadline deadline;
  private final ExecCall call;
  private final TarParser parser = new TarParser(this);
  private final boolean[] found;
  private final List<ArtifactSink> sinks = new ArrayList<>();
  private final Buffer stderr = Buffer.buffer();
  private final Promise<Void> parsed = Promise.promise();
  private ArtifactSink sink;
  private int current = -1;
  private int exitCode;

  ArtifactSplitter(List<String> declared, ObjectStore store, ArtifactKeys keys, long highWaterMark, Deadline deadline, ExecCall call) {
    this.declared = declared;
    this.store = store;
    this.keys = keys;
    this.highWaterMark = highWaterMark;
    this.deadline = deadline;
    this.call = call;
    this.found = new boolean[declared.size()];
  }

  Future<ArtifactCollector.Result> run() {
    call.events().exceptionHandler(parsed::tryFail);
    call.events().handler(this::onEvent);
    call.exit().onFailure(parsed::tryFail);
    return parsed.future()
        .compose(v -> Future.all(sinks.stream().map(ArtifactSink::stored).toList()))
        .map(all -> result(all.list(), exitCode))
        .recover(this::abort);
  }

  private void onEvent(ExecEvent event) {
    try {
      if (event instanceof ExecEvent.Stdout out) {
        parser.feed(out.data());
      } else if (event instanceof ExecEvent.Stderr err) {
        int room = ExecCapture.LIMIT - stderr.length();
        if (room > 0) {
          stderr.appendBuffer(err.data().length() <= room ? err.data() : err.data().slice(0, room));
        }
      } else {
        exitCode = ((ExecEvent.Exit) event).code();
        parser.finish();
        parsed.tryComplete();
      }
    } catch (ShellbusException e) {
      parsed.tryFail(e);
    }
  }

  @Override
  public void entry(TarEntry entry) {
    String name = entry.name().startsWith("./") ? entry.name().substring(2) : entry.name();
    if (sink == null || !sink.accepts(name)) {
      closeSink();
      int next = route(name);
      if (next < 0) {
        return;
      }
      current = next;
      found[next] = true;
      sink = ArtifactSink.open(declared.get(next), kindOf(name, entry, next), store, keys, highWaterMark, deadline);
      sinks.add(sink);
    }
    sink.entry(entry.renamed(name, entry.linkName()));
  }

  @Override
  public void data(Buffer chunk) {
    if (sink == null) {
      return;
    }
    sink.data(chunk);
    if (sink.full()) {
      call.events().pause();
      sink.onDrain(v -> call.events().resume());
    }
  }

  @Override
  public void entryEnd() {
    if (sink != null) {
      sink.entryEnd();
    }
  }

  @Override
  public void end() {
    closeSink();
  }

  private int route(String name) {
    for (int i = current + 1; i < declared.size(); i++) {
      String root = SandboxPaths.relative(declared.get(i));
      if (name.equals(root) || name.startsWith(root + "/")) {
        return i;
      }
    }
    return -1;
  }

  private CollectedArtifact.Kind kindOf(String name, TarEntry entry, int index) {
    boolean self = name.equals(SandboxPaths.relative(declared.get(index)));
    if (self && entry.type() == TarEntry.Type.FILE) {
      return CollectedArtifact.Kind.FILE;
    }
    if (!self || entry.type() == TarEntry.Type.DIRECTORY) {
      return CollectedArtifact.Kind.DIRECTORY;
    }
    throw new ShellbusException(FailureCode.ARTIFACT_FAILED, "artifact " + declared.get(index) + " is a "
        + entry.type().name().toLowerCase(Locale.ROOT) + ", not a regular file or directory");
  }

  private void closeSink() {
    if (sink != null) {
      sink.close();
      sink = null;
    }
  }

  private ArtifactCollector.Result result(List<CollectedArtifact> stored, int exitCode) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (!found[i]) {
        missing.add(declared.get(i));
      }
    }
    ExecCapture tar = new ExecCapture(exitCode, "", new String(stderr.getBytes(), StandardCharsets.UTF_8));
    return new ArtifactCollector.Result(List.copyOf(stored), List.copyOf(missing), tar);
  }

  private Future<ArtifactCollector.Result> abort(Throwable failure) {
    call.cancel();
    sinks.forEach(s -> s.abort(failure));
    return Future.failedFuture(failure);
  }
}
