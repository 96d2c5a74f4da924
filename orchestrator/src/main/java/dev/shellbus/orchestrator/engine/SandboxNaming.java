package dev.shellbus.orchestrator.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Deterministic sandbox names and label values.
 *
 * <p>A name is {@code <kind>-<h>-<attempt>}: kind {@code sj} for a job, {@code ss} for a session;
 * {@code h} the first characters of the lowercase base32 SHA-256 of the tenant and the request id
 * (job) or session id (session); the attempt in decimal. It is a DNS label of at most 19
 * characters (the gateway's limit): 12 hash characters (60 bits) up to attempt 999, fewer beyond.
 * The same request and attempt always get the same name, so a retried create finds the first one
 * (ALREADY_EXISTS) and adopts it instead of leaking a second sandbox.
 *
 * <p>A label value is the value itself when it is a valid Kubernetes label value (at most 63
 * characters of {@code [A-Za-z0-9._-]}, alphanumeric at both ends); otherwise its valid characters
 * cut to 50, a dash and 12 hex characters of its SHA-256, so distinct ids stay distinct.
 */
public final class SandboxNaming {
  private static final int MAX_NAME = 19;
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private SandboxNaming() {}

  /** The sandbox name of a job attempt. */
  public static String jobName(String tenant, String requestId, int attempt) {
    return name("sj", tenant + "\n" + requestId, attempt);
  }

  /** The sandbox name of a session opened by an attempt. */
  public static String sessionName(String tenant, String sessionId, int attempt) {
    return name("ss", tenant + "\n" + sessionId, attempt);
  }

  /** {@code value} as a valid label value (see the class comment). */
  public static String labelValue(String value) {
    if (LABEL_VALUE.matcher(value).matches()) {
      return value;
    }
    String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
    cleaned = cleaned.substring(0, Math.min(50, cleaned.length())).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    String hash = HexFormat.of().formatHex(sha256(value)).substring(0, 12);
    return cleaned.isEmpty() ? hash : cleaned + "-" + hash;
  }

  private static String name(String kind, String key, int attempt) {
    String suffix = "-" + attempt;
    int hashLength = Math.min(12, MAX_NAME - kind.length() - 1 - suffix.length());
    if (hashLength < 6) {
      throw new IllegalArgumentException("attempt " + attempt + " is too large for a sandbox name");
    }
    return kind + "-" + base32(sha256(key)).substring(0, hashLength) + suffix;
  }

  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
