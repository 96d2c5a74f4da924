package dev.shellbus.loadtest.stack;

import dev.shellbus.worker.Worker;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A worker started in this JVM on a Vert.x instance of its own; its samples are this whole JVM's. */
final class InProcessWorker implements WorkerHandle {

  private final Vertx vertx;
  private final Worker worker;

  private InProcessWorker(Vertx vertx, Worker worker) {
    this.vertx = vertx;
    this.worker = worker;
  }

  static InProcessWorker start(Map<String, String> settings) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Worker worker = Worker.start(vertx, ForkedWorkerMain.config(settings)).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      return new InProcessWorker(vertx, worker);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  @Override
  public WorkerSample sample(boolean gcFirst) {
    return WorkerSample.ofThisJvm(gcFirst);
  }

  @Override
  public boolean isolated() {
    return false;
  }

  @Override
  public void close() {
    try {
      worker.drain().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the Vert.x instance is closed below anyway
    } finally {
      vertx.close();
    }
  }
}
