package dev.shellbus.worker.audit;

import dev.shellbus.events.audit.Redaction;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows the secret values of one request (the values of every env key the request marks secret, sandbox-wide and
 * per command) and masks them, in text and in output bytes, with {@link Redaction#MASK}, longest first.
 *
 * <p>Results carry the inline head and tail of each output stream: a command that prints a secret would otherwise
 * put it in the result. The log objects in the store keep the raw bytes; access to them is the store's business.
 */
public final class SecretScrubber {

  /** A scrubber for a request without secrets. */
  public static final SecretScrubber NONE = new SecretScrubber(List.of());

  private final List<String> secrets;
  private final List<byte[]> secretBytes;
  private static final byte[] MASK = Redaction.MASK.getBytes(StandardCharsets.UTF_8);

  private SecretScrubber(Collection<String> values) {
    this.secrets = values.stream().filter(v -> !v.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.secretBytes = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Collects the secret values of {@code request}. */
  public static SecretScrubber of(SandboxRequest request) {
    Set<String> values = new LinkedHashSet<>();
    Object body = request.getBody();
    if (body instanceof RunJob job) {
      add(values, job.getSpec());
      for (Step step : job.getSteps()) {
        add(values, step.getEnv(), step.getSecretEnvKeys());
      }
    } else if (body instanceof OpenSession open) {
      add(values, open.getSpec());
    } else if (body instanceof Exec exec) {
      add(values, exec.getEnv(), exec.getSecretEnvKeys());
    }
    return values.isEmpty() ? NONE : new SecretScrubber(values);
  }

  /** A scrubber for the given values (tests, and sandbox-wide secrets of a session known from elsewhere). */
  public static SecretScrubber of(Collection<String> values) {
    return new SecretScrubber(values);
  }

  private static void add(Set<String> values, SandboxSpec spec) {
    add(values, spec.getEnv(), spec.getSecretEnvKeys());
  }

  private static void add(Set<String> values, Map<String, String> env, List<String> keys) {
    keys.stream().map(env::get).filter(v -> v != null && !v.isEmpty()).forEach(values::add);
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
    for (String secret : secrets) {
      out = out.replace(secret, Redaction.MASK);
    }
    return out;
  }

  /** Returns {@code bytes} with every secret value (UTF-8) masked; the same array when none occurs. */
  public byte[] bytes(byte[] bytes) {
    if (secretBytes.isEmpty()) {
      return bytes;
    }
    ByteArrayOutputStream out = null;
    int i = 0;
    while (i < bytes.length) {
      byte[] hit = hitAt(bytes, i);
      if (hit != null) {
        if (out == null) {
          out = new ByteArrayOutputStream(bytes.length);
          out.write(bytes, 0, i);
        }
        out.write(MASK, 0, MASK.length);
        i += hit.length;
      } else {
        if (out != null) {
          out.write(bytes[i]);
        }
        i++;
      }
    }
    return out == null ? bytes : out.toByteArray();
  }

  private byte[] hitAt(byte[] bytes, int index) {
    for (byte[] secret : secretBytes) {
      if (index + secret.length <= bytes.length && matches(bytes, index, secret)) {
        return secret;
      }
    }
    return null;
  }

  private static boolean matches(byte[] bytes, int index, byte[] secret) {
    for (int j = 0; j < secret.length; j++) {
      if (bytes[index + j] != secret[j]) {
        return false;
      }
    }
    return true;
  }
}
