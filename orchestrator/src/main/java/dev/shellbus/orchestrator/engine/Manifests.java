package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The manifest object of an attempt: a JSON document listing every artifact (path, kind, URI,
 * SHA-256, size, the step that produced it), every log object and the snapshot, with the request
 * id, attempt, tenant, session, image and sandbox. Written only when something was stored.
 */
final class Manifests {
  /** The manifest format version. */
  static final int VERSION = 1;

  private Manifests() {}

  static Future<Void> write(RequestInputs request, RequestProgress progress, String image) {
    if (progress.artifacts().isEmpty() && progress.logs().isEmpty() && progress.snapshot().isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject manifest = document(request.context(), progress, image);
    return request.services().store().put(request.keys().manifest(), manifest.toBuffer(), "application/json",
            request.cleanupDeadline())
        .map(stored -> {
          progress.manifestStored(stored);
          return null;
        });
  }

  static JsonObject document(RequestContext context, RequestProgress progress, String image) {
    JsonObject doc = new JsonObject()
        .put("version", VERSION)
        .put("requestId", context.requestId())
        .put("attempt", context.attempt())
        .put("tenant", context.tenant())
        .put("image", image)
        .put("createdAt", progress.now().toString());
    context.sessionId().ifPresent(session -> doc.put("sessionId", session));
    progress.sandbox().ifPresent(handle -> doc.put("sandbox", new JsonObject().put("id", handle.id()).put("name", handle.name())));
    JsonArray artifacts = new JsonArray();
    progress.artifacts().forEach(a -> artifacts.add(object(a.artifact().object())
        .put("path", a.path())
        .put("kind", a.artifact().kind().name().toLowerCase(Locale.ROOT))
        .put("step", a.step().orElse(null))));
    JsonArray logs = new JsonArray();
    progress.steps().forEach(step -> {
      step.stdout().log().ifPresent(log -> logs.add(log(step, "stdout", log, step.stdout().totalBytes())));
      step.stderr().log().ifPresent(log -> logs.add(log(step, "stderr", log, step.stderr().totalBytes())));
    });
    doc.put("artifacts", artifacts).put("logs", logs);
    progress.snapshot().ifPresent(snapshot -> doc.put("snapshot", object(snapshot)));
    return doc;
  }

  private static JsonObject log(StepResult step, String stream, StoredObject object, long total) {
    return object(object).put("step", step.name()).put("index", step.index()).put("stream", stream).put("totalBytes", total);
  }

  private static JsonObject object(StoredObject object) {
    return new JsonObject().put("uri", object.uri()).put("sha256", object.sha256()).put("size", object.size());
  }
}
