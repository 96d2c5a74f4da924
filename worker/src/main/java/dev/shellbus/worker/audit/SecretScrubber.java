package dev.shellbus.worker.audit;

import dev.shellbus.events.audit.Redaction;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import dev.shellbus.orchestrator.redact.Secrets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Knows the secret values of one request (the values of every env key the request marks secret, sandbox-wide and
 * per command) and masks them, in text and in output bytes, with {@link Redaction#MASK}, longest first.
 *
 * <p>Which values are secret and how bytes are masked is {@link Secrets}, the same rule the engine applies to the
 * output streams it stores as log objects; results carry the inline head and tail of those streams, masked again
 * here along with argv and messages (nothing is left to mask in output the engine masked already, unless a secret
 * is a piece of the mask text itself, which is then masked once more).
 */
public final class SecretScrubber {

  /** A scrubber for a request without secrets. */
  public static final SecretScrubber NONE = new SecretScrubber(Secrets.NONE);

  private final Secrets secrets;

  private SecretScrubber(Secrets secrets) {
    this.secrets = secrets;
  }

  /** Collects the secret values of {@code request}. */
  public static SecretScrubber of(SandboxRequest request) {
    Secrets secrets = Secrets.NONE;
    Object body = request.getBody();
    if (body instanceof RunJob job) {
      secrets = secrets(job.getSpec());
      for (Step step : job.getSteps()) {
        secrets = secrets.plus(Secrets.fromEnv(step.getEnv(), step.getSecretEnvKeys()));
      }
    } else if (body instanceof OpenSession open) {
      secrets = secrets(open.getSpec());
    } else if (body instanceof Exec exec) {
      secrets = Secrets.fromEnv(exec.getEnv(), exec.getSecretEnvKeys());
    }
    return secrets.isEmpty() ? NONE : new SecretScrubber(secrets);
  }

  /** A scrubber for the given values (tests, and sandbox-wide secrets of a session known from elsewhere). */
  public static SecretScrubber of(Collection<String> values) {
    return new SecretScrubber(Secrets.of(values));
  }

  private static Secrets secrets(SandboxSpec spec) {
    return Secrets.fromEnv(spec.getEnv(), spec.getSecretEnvKeys());
  }

  /** Returns whether the request has any secret value. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** Returns {@code argv} with every secret value masked. */
  public List<String> argv(List<String> argv) {
    List<String> out = new ArrayList<>(argv.size());
    argv.forEach(arg -> out.add(text(arg)));
    return out;
  }

  /** Returns {@code text} with every secret value masked. */
  public String text(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets.values()) {
      out = out.replace(secret, Redaction.MASK);
    }
    return out;
  }

  /** Returns {@code bytes} with every secret value (UTF-8) masked; the same array when none occurs. */
  public byte[] bytes(byte[] bytes) {
    return secrets.redact(bytes);
  }
}
