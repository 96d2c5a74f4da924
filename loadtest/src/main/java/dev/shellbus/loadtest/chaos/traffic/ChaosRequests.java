package dev.shellbus.loadtest.chaos.traffic;

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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the well-formed requests of a scenario: two-step jobs (optionally with a planted secret that the second step
 * prints with {@code printf %s "$CHAOS_SECRET"}), and session parts. Ids are {@code <tenant>-<n>}; deadlines are far
 * enough away that an outage does not time requests out.
 */
public final class ChaosRequests {

  /** The env key that carries a planted secret. */
  public static final String SECRET_KEY = "CHAOS_SECRET";

  private final String tenant;
  private final Duration deadline;
  private final AtomicLong sequence = new AtomicLong();

  public ChaosRequests(String tenant, Duration deadline) {
    this.tenant = tenant;
    this.deadline = deadline;
  }

  /** Returns the scenario's tenant. */
  public String tenant() {
    return tenant;
  }

  /** Returns a fresh request id. */
  public String nextId() {
    return tenant + "-" + sequence.incrementAndGet();
  }

  /** A job with two steps; with a non-null {@code secret} its second step prints the secret env value. */
  public SandboxRequest job(String id, String secret) {
    Step first = step("prepare", List.of("echo", "step one of " + id));
    SandboxSpec.Builder spec = SandboxSpec.newBuilder().setLabels(Map.of("chaos", "job"));
    Step second;
    if (secret != null) {
      spec.setEnv(Map.of(SECRET_KEY, secret)).setSecretEnvKeys(List.of(SECRET_KEY));
      second = step("reveal", List.of("sh", "-c", "printf %s \"$" + SECRET_KEY + "\""));
    } else {
      second = step("finish", List.of("echo", "step two"));
    }
    return envelope(id, RunJob.newBuilder().setSpec(spec.build()).setSteps(List.of(first, second)).build());
  }

  /** Opens {@code session}. */
  public SandboxRequest open(String id, String session) {
    return envelope(id, OpenSession.newBuilder().setSessionId(session)
        .setSpec(SandboxSpec.newBuilder().setLabels(Map.of("chaos", "session")).build()).build());
  }

  /** One exec in {@code session}. */
  public SandboxRequest exec(String id, String session, int call) {
    return envelope(id, Exec.newBuilder().setSessionId(session).setArgv(List.of("echo", "call " + call)).build());
  }

  /** Closes {@code session}. */
  public SandboxRequest close(String id, String session) {
    return envelope(id, CloseSession.newBuilder().setSessionId(session).build());
  }

  private static Step step(String name, List<String> argv) {
    return Step.newBuilder().setName(name).setArgv(argv).build();
  }

  /** Wraps a body with the scenario's tenant and a far deadline. */
  public SandboxRequest envelope(String id, Object body) {
    Instant now = Instant.now();
    return SandboxRequest.newBuilder().setRequestId(id).setTenant(tenant).setPrincipal("shellbus-chaos")
        .setCreatedAt(now).setDeadline(now.plus(deadline)).setBody(body).build();
  }
}
