package dev.shellbus.orchestrator.store;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import java.util.Objects;

/**
 * The address of one object in S3-compatible storage, written as {@code s3://bucket/key}. The key
 * never starts with a slash; everything after the bucket is the key, verbatim.
 */
public record ObjectRef(String bucket, String key) {
  private static final String SCHEME = "s3://";

  public ObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("invalid bucket: " + bucket);
    }
    if (key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException("invalid object key: " + key);
    }
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws ShellbusException with {@link FailureCode#INVALID_REQUEST} when the URI has another form
   */
  public static ObjectRef parse(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw new ShellbusException(FailureCode.INVALID_REQUEST, "not an s3:// URI: " + uri);
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new ShellbusException(FailureCode.INVALID_REQUEST, "s3 URI needs a bucket and a key: " + uri);
    }
    return new ObjectRef(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** This object's URI, {@code s3://bucket/key}. */
  public String uri() {
    return SCHEME + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return uri();
  }
}
