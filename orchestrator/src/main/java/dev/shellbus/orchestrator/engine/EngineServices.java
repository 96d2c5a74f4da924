package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.transfer.ArtifactCollector;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import dev.shellbus.orchestrator.transfer.InputUploader;
import io.vertx.core.Vertx;

/** The collaborators every flow uses, built once per engine. */
record EngineServices(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config, RetryRunner retry,
    ExecLauncher launcher, InputUploader uploader, ArtifactCollector collector) {
  static EngineServices create(Vertx vertx, GatewayClient gateway, ObjectStore store, EngineConfig config, RetryRunner retry) {
    ExecLauncher launcher = new ExecLauncher(gateway, config.maxNotReadyRetries());
    return new EngineServices(vertx, gateway, store, config, retry, launcher,
        new InputUploader(launcher, store, config.transfer()),
        new ArtifactCollector(launcher, store, config.uploadHighWaterBytes()));
  }
}
