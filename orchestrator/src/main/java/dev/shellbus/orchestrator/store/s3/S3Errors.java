package dev.shellbus.orchestrator.store.s3;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one place that turns S3 SDK failures into {@link ShellbusException}s. Rule: a missing key or
 * bucket is {@code NOT_FOUND}; throttling (HTTP 429/503) is {@code RESOURCE_EXHAUSTED}; the SDK's
 * call timeout is {@code DEADLINE_EXCEEDED}; other 4xx answers are final ({@code PERMISSION_DENIED} for
 * 401 and 403, {@code INTERNAL} otherwise), everything else ({@code STORAGE_FAILED}: 5xx, connection
 * errors) is retryable. Each code carries its own retryability. Messages name the operation and the object,
 * never credentials.
 */
final class S3Errors {
  private S3Errors() {}

  static ShellbusException map(String operation, String uri, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ShellbusException known) {
      return known;
    }
    String what = operation + " " + uri + ": ";
    if (cause instanceof NoSuchKeyException || cause instanceof NoSuchBucketException) {
      return new ShellbusException(FailureCode.NOT_FOUND, what + "no such object", cause);
    }
    if (cause instanceof ApiCallTimeoutException || cause instanceof CancellationException) {
      return new ShellbusException(FailureCode.DEADLINE_EXCEEDED, what + "timed out", cause);
    }
    if (cause instanceof S3Exception s3) {
      return fromStatus(what, s3);
    }
    if (cause instanceof SdkClientException) {
      return new ShellbusException(FailureCode.STORAGE_FAILED, what + cause.getMessage(), cause);
    }
    return new ShellbusException(FailureCode.STORAGE_FAILED, what + cause, cause);
  }

  /**
   * The failure of a bucket check (HeadBucket): a missing bucket is {@code NOT_FOUND}; 400, 401 and 403, which S3
   * answers for an unknown access key, a wrong signature or a denied bucket, are {@code PERMISSION_DENIED}; the rest
   * as {@link #map}. Never retryable but for the latter.
   */
  static ShellbusException bucketCheck(String bucket, Throwable failure) {
    Throwable cause = unwrap(failure);
    String what = "bucket '" + bucket + "' ";
    if (cause instanceof NoSuchBucketException || cause instanceof S3Exception s3 && s3.statusCode() == 404) {
      return new ShellbusException(FailureCode.NOT_FOUND, what + "does not exist", cause);
    }
    if (cause instanceof S3Exception s3 && (s3.statusCode() == 400 || s3.statusCode() == 401
        || s3.statusCode() == 403)) {
      return new ShellbusException(FailureCode.PERMISSION_DENIED, what + "cannot be used with these credentials"
          + " (HTTP " + s3.statusCode() + errorCode(s3) + "): check the access key and the secret key", cause);
    }
    return map("check of", "s3://" + bucket, failure);
  }

  private static String errorCode(S3Exception s3) {
    String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
    return code == null ? "" : " " + code;
  }

  private static ShellbusException fromStatus(String what, S3Exception s3) {
    int status = s3.statusCode();
    String detail = what + "HTTP " + status + errorCode(s3);
    if (status == 404) {
      return new ShellbusException(FailureCode.NOT_FOUND, detail, s3);
    }
    if (status == 429 || status == 503) {
      return new ShellbusException(FailureCode.RESOURCE_EXHAUSTED, detail, s3);
    }
    if (status == 401 || status == 403) {
      return new ShellbusException(FailureCode.PERMISSION_DENIED, detail, s3);
    }
    return new ShellbusException(status >= 500 ? FailureCode.STORAGE_FAILED : FailureCode.INTERNAL, detail, s3);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t; depth++) {
      boolean wrapper = t instanceof CompletionException
          || t instanceof SdkClientException && !(t instanceof ApiCallTimeoutException) && meaningful(t.getCause());
      if (!wrapper) {
        break;
      }
      t = t.getCause();
    }
    return t;
  }

  private static boolean meaningful(Throwable cause) {
    return cause instanceof SdkException || cause instanceof ShellbusException || cause instanceof CompletionException;
  }
}
