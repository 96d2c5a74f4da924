package dev.shellbus.loadtest.chaos.proc;

import dev.shellbus.devkit.gateway.DevGatewayMain;
import dev.shellbus.worker.ReaperMain;
import dev.shellbus.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process of a chaos run, each a {@link Child}: the broker, the store and the dev gateway live for the whole
 * run (restarted by the faults on the same ports and data); the workers and the reaper are started per scenario on its
 * fresh topics, and a worker that dies on its own is restarted and counted as a crash.
 */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  private static final Duration START = Duration.ofSeconds(120);

  private final StackOptions o;
  private final Child broker;
  private final Child store;
  private Child gateway;
  private final List<Child> workers = new ArrayList<>();
  private Child reaper;
  private final List<Child> retired = new ArrayList<>();

  /** Prepares the slots; nothing runs yet. */
  public Stack(StackOptions o) {
    this.o = o;
    Path w = o.workDir();
    this.broker = new Child("broker", BrokerMain.class.getName(), heap("512m"), List.of(w.resolve("kafka").toString(),
        Integer.toString(o.ports().broker()), Integer.toString(o.ports().controller()), "6"), Map.of(),
        w.resolve("logs/broker.log"), false);
    this.store = new Child("store", StoreMain.class.getName(), heap("256m"), List.of(w.resolve("s3").toString(),
        Integer.toString(o.ports().store())), Map.of(), w.resolve("logs/store.log"), false);
    this.gateway = gatewaySlot(0);
  }

  private List<String> heap(String max) {
    List<String> args = new ArrayList<>(o.jvmArgs());
    args.add("-Xmx" + max);
    return args;
  }

  private Child gatewaySlot(int latencyMs) {
    List<String> args = new ArrayList<>(List.of("--port=" + o.ports().gateway(),
        "--data-dir=" + o.workDir().resolve("gateway-data"), "--isolation=" + o.isolation()));
    if (latencyMs > 0) {
      args.add("--fault-latency=*=" + latencyMs);
    }
    return new Child("gateway", DevGatewayMain.class.getName(), heap("384m"), args, Map.of(),
        o.workDir().resolve("logs/gateway.log"), false);
  }

  /** Starts broker, store and gateway and waits until each serves. */
  public void startInfra() throws IOException {
    broker.start();
    store.start();
    gateway.start();
    awaitBroker();
    awaitStore();
    awaitGateway();
  }

  /** Returns the fixed ports. */
  public Ports ports() {
    return o.ports();
  }

  /** Returns the Kafka bootstrap address. */
  public String bootstrap() {
    return "127.0.0.1:" + o.ports().broker();
  }

  /** Returns the gateway endpoint. */
  public String gatewayEndpoint() {
    return "http://127.0.0.1:" + o.ports().gateway();
  }

  /** Returns the store's data directory: one directory per bucket, one file per object. */
  public Path storeDir() {
    return o.workDir().resolve("s3");
  }

  public Child broker() {
    return broker;
  }

  public Child store() {
    return store;
  }

  public Child gateway() {
    return gateway;
  }

  /** Waits until the broker answers. */
  public void awaitBroker() {
    Readiness.await("broker", START, () -> Readiness.brokerAnswers(bootstrap()));
  }

  /** Waits until the store accepts connections. */
  public void awaitStore() {
    Readiness.await("store", START, () -> Readiness.accepts(o.ports().store()));
  }

  /** Waits until the gateway accepts connections. */
  public void awaitGateway() {
    Readiness.await("gateway", START, () -> Readiness.accepts(o.ports().gateway()));
  }

  /** Stops the gateway cleanly and starts it again with {@code latencyMs} added before every RPC (0: none). */
  public void regateway(int latencyMs) throws IOException, InterruptedException {
    gateway.stop(30);
    retired.add(gateway);
    gateway = gatewaySlot(latencyMs);
    gateway.start();
    awaitGateway();
  }

  /** Starts the scenario's workers (and reaper) on its configuration file and waits until each serves. */
  public void startWorkers(Path config, Path logDir, String group) throws IOException {
    for (int i = 0; i < o.workers(); i++) {
      List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--worker.id=chaos-w" + (i + 1),
          "--management.port=" + o.ports().worker(i)));
      args.addAll(o.workerFlags());
      workers.add(new Child("worker-" + (i + 1), WorkerMain.class.getName(), heap("384m"), args, Map.of(),
          logDir.resolve("worker-" + (i + 1) + ".log"), true));
    }
    for (Child w : workers) {
      w.start();
    }
    for (int i = 0; i < workers.size(); i++) {
      awaitWorker(i);
    }
    Readiness.await("the workers' group to settle", START, () -> Readiness.groupStable(bootstrap(), group,
        workers.size()));
    if (o.reaper()) {
      reaper = new Child("reaper", ReaperMain.class.getName(), heap("256m"), List.of("--config", config.toString()),
          Map.of(), logDir.resolve("reaper.log"), true);
      reaper.start();
      Readiness.await("reaper", START, () -> Readiness.httpOk("http://127.0.0.1:" + o.ports().reaper()
          + "/health/live"));
    }
  }

  /** Waits until worker {@code index} says it is ready. */
  public void awaitWorker(int index) {
    int port = o.ports().worker(index);
    Readiness.await("worker-" + (index + 1), START,
        () -> Readiness.httpOk("http://127.0.0.1:" + port + "/health/ready"));
  }

  /** Returns the scenario's workers. */
  public List<Child> workers() {
    return List.copyOf(workers);
  }

  /** Returns the reaper, when one runs. */
  public Child reaper() {
    return reaper;
  }

  /** Stops the scenario's workers and reaper (SIGTERM: they drain). */
  public void stopWorkers() throws InterruptedException {
    for (Child w : workers) {
      w.stop(60);
    }
    if (reaper != null) {
      reaper.stop(30);
    }
    workers.clear();
    reaper = null;
  }

  /** Returns the crash notes of the run-long processes (broker, store, every gateway incarnation). */
  public List<String> infraCrashes() {
    List<String> notes = new ArrayList<>(broker.crashNotes());
    notes.addAll(store.crashNotes());
    retired.forEach(g -> notes.addAll(g.crashNotes()));
    notes.addAll(gateway.crashNotes());
    return notes;
  }

  @Override
  public void close() {
    try {
      stopWorkers();
      gateway.stop(30);
      store.stop(30);
      broker.stop(60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("stack stopped");
  }
}
