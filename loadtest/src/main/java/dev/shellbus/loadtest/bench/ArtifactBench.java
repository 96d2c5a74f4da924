package dev.shellbus.loadtest.bench;

import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.plan.Sizes;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.WorkerHandle;
import dev.shellbus.loadtest.stack.WorkerSample;
import dev.shellbus.orchestrator.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 4. Artifact bytes: a job whose step writes a sparse file in a real bubblewrap sandbox and names it as an artifact;
 * the worker ({@code -Xmx512m}) streams it from the gateway to the embedded S3 server. Sizes: 1 MiB, 12 MiB (over
 * the 8 MiB part, so already the multipart path) and the requested size (2 GiB by default); a size that fails is not
 * repeated. MB/s is size over the time from the step's end to the artifact stored (the result's timings). Heap
 * growth is the highest heap-after-GC seen while it ran (sampled every 200 ms) minus the heap after a full GC before.
 * Side by side: the same tar bytes over a plain loopback socket into a file on the same disk, and the same {@code tar
 * -c} stream read straight from the dev gateway with the gateway client into a counting sink, which separates the
 * worker's own cost (store upload, digests, bookkeeping) from the dev gateway's (bubblewrap, tar, gRPC framing).
 */
final class ArtifactBench {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactBench.class);

  private ArtifactBench() {}

  static BenchResult run(BenchContext ctx, long size) throws Exception {
    BenchResult result = new BenchResult("artifact", "4. Artifact bytes: a sandbox file to S3 through the worker vs"
        + " a plain loopback copy");
    TreeSet<Long> sizes = new TreeSet<>(java.util.List.of(1L << 20, 12L << 20, size));
    Path scratch = ctx.scratch("artifact");
    long largestOk = 0;
    try (Deployment d = ctx.deploy("artifact", "512m", o -> o.withExec(Isolation.BUBBLEWRAP, o.simulatedExec())
        .withWorker(o.worker(), 4, o.workerJvmArgs()));
        SessionDriver driver = new SessionDriver(ctx.infra.bootstrap(), d);
        DirectGateway direct = DirectGateway.connect(d.gatewayEndpoint())) {
      WorkerHandle worker = d.worker().orElseThrow();
      driver.artifactJob(1L << 20, Duration.ofMinutes(2));
      for (long s : sizes) {
        String label = Sizes.format(s);
        Duration timeout = Duration.ofSeconds(Math.max(120, Math.min(300, s / 5_000_000)));
        boolean ok = true;
        for (int r = 0; r < ctx.repeats && ok; r++) {
          result.figure("plain loopback copy, " + label, "MB/s").add(Math.round(PlainCopy.run(scratch, s) / 1e5) / 10.0);
          double stream = Bench.await(direct.tarStreamRate(s, Deadline.in(timeout)));
          result.figure("direct gateway tar stream, " + label, "MB/s").add(Math.round(stream / 1e5) / 10.0);
          ok = once(result, worker, driver, s, label, timeout);
        }
        if (ok) {
          largestOk = s;
        }
      }
    }
    String big = Sizes.format(largestOk == 0 ? size : largestOk);
    Figure plain = result.figure("plain loopback copy, " + big, "MB/s");
    Figure via = result.figure("through the worker, " + big, "MB/s");
    Pair pair = new Pair("artifact.rate", big + " artifact rate", plain, via, "through the worker / plain copy");
    result.pairs.add(pair);
    Figure stream = result.figure("direct gateway tar stream, " + big, "MB/s");
    Pair gatewayPair = new Pair("artifact.rate.gateway", big + " artifact rate against the gateway's own stream",
        stream, via, "through the worker / direct gateway stream");
    result.pairs.add(gatewayPair);
    double ratioAtSize = largestOk == size ? pair.ratio() : 0;
    result.targets.add(new Target("artifact", "artifact MB/s / plain copy MB/s at " + Sizes.format(size), ratioAtSize,
        "", false, 0.8));
    result.targets.add(new Target("artifact", "artifact MB/s / direct gateway stream MB/s at " + Sizes.format(size),
        largestOk == size ? gatewayPair.ratio() : 0, "", false, 0.8));
    result.targets.add(new Target("artifact", "worker heap growth, " + big,
        result.figure("worker heap growth, " + big, "MiB").median(), "MiB", true, 64));
    result.details.put("setup", "dev gateway with bubblewrap sandboxes; step: truncate -s SIZE /sandbox/artifact.bin;"
        + " worker -Xmx512m, store part size 8 MiB; embedded S3 (s3proxy, filesystem store) on the same disk");
    return result;
  }

  /** One artifact job of {@code size}; records its figures and returns whether it succeeded. */
  private static boolean once(BenchResult result, WorkerHandle worker, SessionDriver driver, long size, String label,
      Duration timeout) throws Exception {
    long baseline = worker.sample(true).heapAfterGcBytes();
    AtomicLong peakAfterGc = new AtomicLong(baseline);
    AtomicLong peakUsed = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        WorkerSample s = worker.sample(false);
        peakAfterGc.accumulateAndGet(s.heapAfterGcBytes(), Math::max);
        peakUsed.accumulateAndGet(s.heapUsedBytes(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "artifact-heap-sampler");
    sampler.start();
    Outcome outcome;
    try {
      outcome = driver.artifactJob(size, timeout);
    } finally {
      running.set(false);
      sampler.join();
    }
    result.figure("artifact job end to end, " + label, "s")
        .add(Math.round((outcome.receivedNanos() - outcome.sentNanos()) / 1e7) / 100.0);
    if (!outcome.succeeded()) {
      String why = outcome.failureCode() + (outcome.result() == null || outcome.result().getError() == null ? ""
          : ": " + outcome.result().getError().getMessage());
      result.details.put("failed " + label, why);
      LOG.warn("artifact {} failed: {}", label, why);
      return false;
    }
    ResultTimings t = outcome.result().getTimings();
    double seconds = Math.max(0.001,
        (t.getArtifactsStoredAt().toEpochMilli() - t.getStepsFinishedAt().toEpochMilli()) / 1000.0);
    result.figure("through the worker, " + label, "MB/s").add(Math.round(size / seconds / 1e5) / 10.0);
    result.figure("worker heap growth, " + label, "MiB").add(Bench.mib(peakAfterGc.get() - baseline));
    result.figure("worker heap in use, peak (garbage included), " + label, "MiB").add(Bench.mib(peakUsed.get()));
    LOG.info("artifact {}: through the worker {} MB/s, heap growth {} MiB", label, Figure.fmt(size / seconds / 1e6),
        Bench.mib(peakAfterGc.get() - baseline));
    return true;
  }
}
