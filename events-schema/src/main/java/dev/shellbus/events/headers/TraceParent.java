package dev.shellbus.events.headers;

import java.util.Optional;

/**
 * A W3C Trace Context {@code traceparent} value: {@code 00-<trace id>-<parent id>-<flags>}.
 *
 * <p>{@link #parse(String)} follows the W3C rules: lowercase hex only, version {@code ff} invalid, all-zero trace or
 * parent ids invalid, version {@code 00} exactly 55 characters, and a higher version accepted when its first 55
 * characters parse and any extra data follows a dash. Whatever version was read, {@link #format()} writes version
 * {@code 00}, the only one this code understands. An invalid value is not an error: callers drop it and start a new
 * trace, as the specification asks.
 *
 * @param traceId 32 lowercase hex characters, not all zero
 * @param parentId 16 lowercase hex characters, not all zero: the span id of the caller
 * @param flags trace flags; bit 0 is "sampled"
 */
public record TraceParent(String traceId, String parentId, int flags) {

  private static final int LENGTH = 55;

  /** Validates the fields; throws {@link IllegalArgumentException} when one breaks the W3C rules. */
  public TraceParent {
    if (!isHexId(traceId, 32)) {
      throw new IllegalArgumentException("trace id must be 32 lowercase hex characters, not all zero");
    }
    if (!isHexId(parentId, 16)) {
      throw new IllegalArgumentException("parent id must be 16 lowercase hex characters, not all zero");
    }
    if (flags < 0 || flags > 0xff) {
      throw new IllegalArgumentException("flags must fit one byte");
    }
  }

  /** Parses a header value; empty when it is absent or not a valid traceparent. */
  public static Optional<TraceParent> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.length() < LENGTH || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
      return Optional.empty();
    }
    String version = v.substring(0, 2);
    if (!isHex(version) || "ff".equals(version)) {
      return Optional.empty();
    }
    if ("00".equals(version) ? v.length() != LENGTH : v.length() > LENGTH && v.charAt(LENGTH) != '-') {
      return Optional.empty();
    }
    String traceId = v.substring(3, 35);
    String parentId = v.substring(36, 52);
    String flags = v.substring(53, 55);
    if (!isHexId(traceId, 32) || !isHexId(parentId, 16) || !isHex(flags)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(traceId, parentId, Integer.parseInt(flags, 16)));
  }

  /** Returns the header value, always in version {@code 00}. */
  public String format() {
    return "00-" + traceId + "-" + parentId + "-" + String.format("%02x", flags);
  }

  /** Returns whether the caller sampled this trace. */
  public boolean sampled() {
    return (flags & 1) == 1;
  }

  /** Returns the same trace with {@code spanId} as parent: what a child span propagates onward. */
  public TraceParent withParentId(String spanId) {
    return new TraceParent(traceId, spanId, flags);
  }

  private static boolean isHexId(String s, int length) {
    return s != null && s.length() == length && isHex(s) && s.chars().anyMatch(c -> c != '0');
  }

  private static boolean isHex(String s) {
    return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
