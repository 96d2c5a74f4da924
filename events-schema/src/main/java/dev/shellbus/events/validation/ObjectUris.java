package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax of object-store URIs ({@code s3://bucket/key}) and SHA-256 digests as requests carry them. */
public final class ObjectUris {

  private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)", Pattern.DOTALL);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private ObjectUris() {}

  /** Returns whether {@code uri} is {@code s3://bucket/key} with an S3 bucket name and a key of 1-1024 bytes. */
  public static boolean isValid(String uri) {
    if (uri == null) {
      return false;
    }
    Matcher m = S3.matcher(uri);
    return m.matches() && Utf8.length(m.group(2)) <= Limits.MAX_OBJECT_KEY_BYTES && !Utf8.hasControl(m.group(2));
  }

  /** Returns whether {@code digest} is a SHA-256 in 64 lowercase hex characters. */
  public static boolean isSha256(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }

  static void check(Findings findings, String field, String uri) {
    if (!isValid(uri)) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "must be s3://bucket/key (bucket 3-63 of [a-z0-9.-], key 1-"
          + Limits.MAX_OBJECT_KEY_BYTES + " bytes, no control characters)");
    }
  }

  static void checkSha256(Findings findings, String field, String digest) {
    if (digest != null && !isSha256(digest)) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "must be 64 lowercase hex characters");
    }
  }
}
