package dev.shellbus.loadtest.bench;

import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.plan.Sizes;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stack.WorkerHandle;
import dev.shellbus.loadtest.stack.WorkerSample;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 4. Artifact bytes: a job whose step writes a sparse file of the given size (2 GiB by default) in a real bubblewrap
 * sandbox and names it as an artifact; the worker ({@code -Xmx512m}) streams it from the gateway to the embedded S3
 * server. MB/s is size over the time from the step's end to the artifact stored (the result's timings). Heap growth is
 * the highest heap-after-GC seen while it ran (sampled every 200 ms) minus the heap after a full GC before it. Side by
 * side: the same tar bytes over a plain loopback socket into a file on the same disk.
 */
final class ArtifactBench {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactBench.class);

  private ArtifactBench() {}

  static BenchResult run(BenchContext ctx, long size) throws Exception {
    BenchResult result = new BenchResult("artifact", "4. Artifact bytes: " + Sizes.format(size)
        + " from a sandbox to S3 through the worker vs a plain loopback copy");
    Figure plain = result.figure("plain loopback copy", "MB/s");
    Figure via = result.figure("sandbox to S3 through the worker", "MB/s");
    Figure growth = result.figure("worker heap growth (after-GC peak minus baseline)", "MiB");
    Figure used = result.figure("worker heap in use, peak (garbage included)", "MiB");
    Figure wall = result.figure("artifact job end to end", "s");
    Path scratch = ctx.scratch("artifact");
    try (Deployment d = ctx.deploy("artifact", "512m", o -> o.withExec(Isolation.BUBBLEWRAP, o.simulatedExec())
        .withWorker(o.worker(), 4, o.workerJvmArgs()));
        SessionDriver driver = new SessionDriver(ctx.infra.bootstrap(), d)) {
      WorkerHandle worker = d.worker().orElseThrow();
      driver.artifactJob(16L << 20);
      for (int r = 0; r < ctx.repeats; r++) {
        plain.add(Math.round(PlainCopy.run(scratch, size) / 1e5) / 10.0);
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
          outcome = driver.artifactJob(size);
        } finally {
          running.set(false);
          sampler.join();
        }
        if (!outcome.succeeded()) {
          throw new IllegalStateException("the artifact job failed: " + outcome.failureCode() + " "
              + (outcome.result() == null ? "" : outcome.result().getError()));
        }
        ResultTimings t = outcome.result().getTimings();
        double seconds = (t.getArtifactsStoredAt().toEpochMilli() - t.getStepsFinishedAt().toEpochMilli()) / 1000.0;
        via.add(Math.round(size / seconds / 1e5) / 10.0);
        growth.add(Bench.mib(peakAfterGc.get() - baseline));
        used.add(Bench.mib(peakUsed.get()));
        wall.add(Math.round((outcome.receivedNanos() - outcome.sentNanos()) / 1e7) / 100.0);
        LOG.info("artifact repeat {}: plain {} MB/s, through the worker {} MB/s, heap growth {} MiB", r + 1,
            Figure.fmt(plain.samples().get(r)), Figure.fmt(via.samples().get(r)), Bench.mib(peakAfterGc.get()
                - baseline));
      }
    }
    Pair pair = new Pair("artifact.rate", Sizes.format(size) + " artifact rate", plain, via,
        "through the worker / plain copy");
    result.pairs.add(pair);
    result.targets.add(new Target("artifact", "artifact MB/s / plain loopback copy MB/s", pair.ratio(), "", false,
        0.8));
    result.targets.add(new Target("artifact", "worker heap growth during the artifact", growth.median(), "MiB", true,
        64));
    result.details.put("setup", "dev gateway with bubblewrap sandboxes; step: truncate -s " + size
        + " /sandbox/artifact.bin; worker -Xmx512m; embedded S3 (s3proxy, filesystem store) on the same disk");
    return result;
  }
}
