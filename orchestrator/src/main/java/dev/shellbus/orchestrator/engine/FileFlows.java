package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.transfer.SandboxPaths;
import io.vertx.core.Future;
import java.util.Optional;

/** The file calls on a session: PutFiles (locate, upload, keep) and GetFiles (locate, collect, keep). */
final class FileFlows {
  private FileFlows() {}

  /** PutFiles: locate the session, write the inputs, keep the sandbox. */
  static final class Put extends SessionFlow {
    private final Requests.PutFiles put;

    Put(RequestInputs request, RequestProgress progress, Requests.PutFiles put) {
      super(request, progress);
      this.put = put;
    }

    @Override
    RequestEvent accept() {
      put.inputs().forEach(input -> SandboxPaths.requireAbsolute(input.path()));
      return super.accept();
    }

    @Override
    RequestEvent afterLocate() {
      return RequestEvent.UPLOAD;
    }

    @Override
    Future<RequestEvent> upload() {
      return uploadThen(put.inputs(), RequestEvent.CLEAN_UP);
    }

    @Override
    Future<RequestEvent> cleanUp() {
      return keepAndFinish();
    }
  }

  /** GetFiles: locate the session, store the paths as artifacts, keep the sandbox. */
  static final class Get extends SessionFlow {
    private final Requests.GetFiles get;

    Get(RequestInputs request, RequestProgress progress, Requests.GetFiles get) {
      super(request, progress);
      this.get = get;
    }

    @Override
    RequestEvent accept() {
      get.paths().forEach(SandboxPaths::requireAbsolute);
      return super.accept();
    }

    @Override
    RequestEvent afterLocate() {
      return RequestEvent.COLLECT;
    }

    @Override
    Future<RequestEvent> collect() {
      return collectArtifacts(get.paths(), Optional.empty()).map(v -> RequestEvent.CLEAN_UP);
    }

    @Override
    Future<RequestEvent> cleanUp() {
      return keepAndFinish();
    }
  }
}
