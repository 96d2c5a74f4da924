package dev.shellbus.orchestrator.store.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3-compatible store. Without an endpoint the AWS default for the region is used;
 * without keys the SDK's default credential chain. Path-style addressing is what s3proxy, MinIO
 * and most S3-compatible stores need. {@link #toString()} never shows the secret key.
 *
 * @param endpoint endpoint override, e.g. {@code http://127.0.0.1:9000}
 * @param region signing region
 * @param accessKey access key id, if static credentials are used
 * @param secretKey secret access key, if static credentials are used
 * @param forcePathStyle whether to address buckets in the path rather than the host name
 * @param partSizeBytes multipart part size (at least 5 MiB); uploads shorter than one part use a single PUT
 * @param uploadBufferBytes upper bound of bytes one upload buffers in memory (at least three parts, see {@link #minUploadBuffer})
 */
public record S3Settings(
    Optional<URI> endpoint,
    String region,
    Optional<String> accessKey,
    Optional<String> secretKey,
    boolean forcePathStyle,
    long partSizeBytes,
    long uploadBufferBytes) {
  /** The smallest part S3 accepts (except for the last one). */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  /** The default part size, 8 MiB. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (accessKey.isPresent() != secretKey.isPresent()) {
      throw new IllegalArgumentException("s3 accessKey and secretKey must be given together");
    }
    if (partSizeBytes < MIN_PART_SIZE) {
      throw new IllegalArgumentException("s3 partSizeBytes must be at least 5 MiB, got " + partSizeBytes);
    }
    if (uploadBufferBytes < minUploadBuffer(partSizeBytes)) {
      throw new IllegalArgumentException("s3 uploadBufferBytes must be at least three parts (" + minUploadBuffer(partSizeBytes)
          + " bytes), got " + uploadBufferBytes);
    }
  }

  /**
   * The smallest upload buffer that cannot stall: three parts. For a body of unknown length the SDK keeps the first
   * part until it knows a second one exists, and a chunk of the source that straddles the end of the second part
   * needs room beyond two parts; with exactly two the SDK waits for room that never frees (a chunk size that does not
   * divide the part size, as exec output, hangs the upload; see aws-sdk-java-v2 PR 7024 for the two-part rule).
   */
  public static long minUploadBuffer(long partSizeBytes) {
    return 3 * partSizeBytes;
  }

  /** Settings for an S3-compatible endpoint with static keys, path style, 8 MiB parts and three parts of buffer. */
  public static S3Settings compatible(URI endpoint, String accessKey, String secretKey) {
    return new S3Settings(Optional.of(endpoint), "us-east-1", Optional.of(accessKey), Optional.of(secretKey),
        true, DEFAULT_PART_SIZE, minUploadBuffer(DEFAULT_PART_SIZE));
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("(aws)") + ", region=" + region
        + ", accessKey=" + accessKey.orElse("(default chain)") + ", secretKey=" + (secretKey.isPresent() ? "***" : "-")
        + ", forcePathStyle=" + forcePathStyle + ", partSizeBytes=" + partSizeBytes
        + ", uploadBufferBytes=" + uploadBufferBytes + "]";
  }
}
