package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.transfer.ArtifactKeys;
import dev.shellbus.orchestrator.transfer.SandboxPaths;

/**
 * Where one attempt's objects go: {@code <prefix>/<request>/<attempt>/} followed by
 * {@code logs/<index>-<step>.stdout|stderr}, {@code artifacts/<sandbox path>} (a directory with
 * {@code .tar} appended), {@code snapshot.tar} and {@code manifest.json}.
 */
final class ObjectKeys implements ArtifactKeys {
  private final String bucket;
  private final String base;

  ObjectKeys(EngineConfig config, RequestContext context) {
    this.bucket = config.bucket();
    String request = SandboxNaming.labelValue(context.requestId());
    this.base = (config.keyPrefix().isEmpty() ? "" : config.keyPrefix() + "/") + request + "/" + context.attempt() + "/";
  }

  ObjectRef log(int index, String step, String stream) {
    return ref("logs/" + index + "-" + step.replaceAll("[^A-Za-z0-9._-]", "_") + "." + stream);
  }

  @Override
  public ObjectRef file(String path) {
    return ref("artifacts/" + SandboxPaths.relative(path));
  }

  @Override
  public ObjectRef directory(String path) {
    return ref("artifacts/" + SandboxPaths.relative(path) + ".tar");
  }

  ObjectRef snapshot() {
    return ref("snapshot.tar");
  }

  ObjectRef manifest() {
    return ref("manifest.json");
  }

  private ObjectRef ref(String rest) {
    return new ObjectRef(bucket, base + rest);
  }
}
