package dev.shellbus.loadtest.kafka;

import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the requests the generator sends, with ids unique to one run ({@code lt-<run>-<n>}) and a deadline.
 *
 * <p>Commands are chosen to mean the same thing under the simulated gateway (which runs nothing and answers with its
 * scripted output) and under real sandboxes: a short job runs {@code echo}, an artifact job writes a file of the given
 * size with {@code truncate} (sparse, so the measure is the transfer, not the disk) and names it as the artifact.
 */
public final class RequestFactory {

  /** Where an artifact job writes its file. */
  public static final String ARTIFACT_PATH = "/sandbox/artifact.bin";

  private final String runId;
  private final String tenant;
  private final Duration timeout;
  private final AtomicLong sequence = new AtomicLong();

  /** Creates a factory with a random run id. */
  public RequestFactory(String tenant, Duration timeout) {
    this(randomRunId(), tenant, timeout);
  }

  /** Creates a factory with the given run id (lower-case letters and digits). */
  public RequestFactory(String runId, String tenant, Duration timeout) {
    this.runId = runId;
    this.tenant = tenant;
    this.timeout = timeout;
  }

  /** Returns six random base-36 characters. */
  public static String randomRunId() {
    String s = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    return ("000000" + s).substring(s.length()).toLowerCase(Locale.ROOT);
  }

  /** Returns the run id every request id carries. */
  public String runId() {
    return runId;
  }

  /** Returns a fresh session id. */
  public String newSessionId() {
    return "lt-" + runId + "-s" + sequence.incrementAndGet();
  }

  /** A short job: one {@code echo} step. */
  public SandboxRequest shortJob() {
    Step step = step("run", List.of("echo", "hello from shellbus loadtest"));
    return envelope(RunJob.newBuilder().setSpec(spec()).setSteps(List.of(step)).build());
  }

  /** A job whose step writes {@code bytes} to {@link #ARTIFACT_PATH}, stored as an artifact. */
  public SandboxRequest artifactJob(long bytes) {
    Step step = step("write", List.of("truncate", "-s", Long.toString(bytes), ARTIFACT_PATH));
    return envelope(RunJob.newBuilder().setSpec(spec()).setSteps(List.of(step))
        .setArtifactPaths(List.of(ARTIFACT_PATH)).build());
  }

  /** Opens {@code sessionId}. */
  public SandboxRequest openSession(String sessionId) {
    return envelope(OpenSession.newBuilder().setSessionId(sessionId).setSpec(spec()).build());
  }

  /** One {@code echo} in {@code sessionId}. */
  public SandboxRequest exec(String sessionId, int index) {
    return envelope(Exec.newBuilder().setSessionId(sessionId).setArgv(List.of("echo", "call " + index)).build());
  }

  /** Closes {@code sessionId} without a snapshot. */
  public SandboxRequest closeSession(String sessionId) {
    return envelope(CloseSession.newBuilder().setSessionId(sessionId).build());
  }

  /** Returns the Kafka key of a request: its session id, else its request id. */
  public static String keyOf(SandboxRequest request) {
    Object body = request.getBody();
    if (body instanceof OpenSession) {
      return ((OpenSession) body).getSessionId();
    } else if (body instanceof Exec) {
      return ((Exec) body).getSessionId();
    } else if (body instanceof CloseSession) {
      return ((CloseSession) body).getSessionId();
    }
    return request.getRequestId();
  }

  private static Step step(String name, List<String> argv) {
    return Step.newBuilder().setName(name).setArgv(argv).build();
  }

  private SandboxSpec spec() {
    return SandboxSpec.newBuilder().setLabels(Map.of("loadtest-run", runId)).build();
  }

  private SandboxRequest envelope(Object body) {
    Instant now = Instant.now();
    return SandboxRequest.newBuilder()
        .setRequestId("lt-" + runId + "-" + sequence.incrementAndGet())
        .setTenant(tenant)
        .setPrincipal("shellbus-loadtest")
        .setCreatedAt(now)
        .setDeadline(now.plus(timeout))
        .setLabels(Map.of("loadtest.run", runId))
        .setBody(body)
        .build();
  }
}
