package dev.shellbus.orchestrator.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The secret values of one request and the rule that masks them. A value is secret when its key is listed in the
 * {@code secret_env_keys} of the env map it belongs to and it is not empty. Every verbatim occurrence (its UTF-8 bytes)
 * becomes {@link #MASK}: the scan goes left to right, tries longer secrets first, and never looks at a mask it wrote.
 *
 * <p>Immutable; the worker's inline redaction and the engine's log redaction both use it, so results and stored
 * logs mask the same values the same way.
 */
public final class Secrets {

  /** What a secret value is replaced with (the same text as the event contract's {@code Redaction.MASK}). */
  public static final String MASK = "***REDACTED***";

  /** No secrets: redaction is a pass-through. */
  public static final Secrets NONE = new Secrets(List.of());

  static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

  private final List<String> values;
  private final List<byte[]> bytes;
  private final boolean[] firstByte = new boolean[256];
  private final int longest;

  private Secrets(Collection<String> values) {
    this.values = values.stream().filter(Objects::nonNull).filter(v -> !v.isEmpty()).distinct()
        .sorted(Comparator.comparingInt((String v) -> v.getBytes(StandardCharsets.UTF_8).length).reversed()).toList();
    this.bytes = this.values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    bytes.forEach(b -> firstByte[b[0] & 0xff] = true);
    this.longest = bytes.isEmpty() ? 0 : bytes.get(0).length;
  }

  /** The given values (empty ones are ignored). */
  public static Secrets of(Collection<String> values) {
    return values.stream().allMatch(v -> v == null || v.isEmpty()) ? NONE : new Secrets(values);
  }

  /** The values in {@code env} of the keys listed in {@code secretKeys}: the one rule of what is secret. */
  public static Secrets fromEnv(Map<String, String> env, Collection<String> secretKeys) {
    return of(secretKeys.stream().map(env::get).filter(Objects::nonNull).toList());
  }

  /** These secrets and {@code other}'s. */
  public Secrets plus(Secrets other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<String> all = new LinkedHashSet<>(values);
    all.addAll(other.values);
    return new Secrets(all);
  }

  /** Whether there is nothing to mask. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The secret values, longest first. */
  public List<String> values() {
    return values;
  }

  /** A redactor for one stream of output. */
  public StreamRedactor stream() {
    return new StreamRedactor(this);
  }

  /** Returns {@code data} with every secret masked; the same array when none occurs. */
  public byte[] redact(byte[] data) {
    if (isEmpty()) {
      return data;
    }
    Scan scan = scan(data, data.length, true);
    return scan.out == null ? data : scan.out.toByteArray();
  }

  /** The length of the longest secret in bytes: a stream holds back one byte less than this. */
  int longest() {
    return longest;
  }

  /**
   * Scans {@code data[0, length)}. Without {@code end}, a position is decided only when the longest secret fits
   * after it, so bytes still to come cannot change the outcome there; the scan stops at the first undecided one.
   */
  Scan scan(byte[] data, int length, boolean end) {
    int stop = end ? length : length - longest + 1;
    Scan scan = new Scan();
    int i = 0;
    int copied = 0;
    while (i < stop) {
      byte[] hit = firstByte[data[i] & 0xff] ? hitAt(data, length, i) : null;
      if (hit == null) {
        i++;
        continue;
      }
      if (scan.out == null) {
        scan.out = new ByteArrayOutputStream(length + MASK_BYTES.length);
      }
      scan.out.write(data, copied, i - copied);
      scan.out.write(MASK_BYTES, 0, MASK_BYTES.length);
      i += hit.length;
      copied = i;
    }
    if (scan.out != null) {
      scan.out.write(data, copied, i - copied);
    }
    scan.decided = i;
    return scan;
  }

  private byte[] hitAt(byte[] data, int length, int index) {
    for (byte[] secret : bytes) {
      if (index + secret.length <= length && matches(data, index, secret)) {
        return secret;
      }
    }
    return null;
  }

  private static boolean matches(byte[] data, int index, byte[] secret) {
    for (int j = 0; j < secret.length; j++) {
      if (data[index + j] != secret[j]) {
        return false;
      }
    }
    return true;
  }

  /** What a scan decided: bytes {@code [0, decided)} of the input, as {@code out} when anything was masked. */
  static final class Scan {
    ByteArrayOutputStream out;
    int decided;
  }

  @Override
  public String toString() {
    return "Secrets[" + values.size() + " values]";
  }
}
