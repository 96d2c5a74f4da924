package dev.shellbus.loadtest.stack;

import java.net.URI;

/**
 * Where the worker stores logs and artifacts: an S3-compatible endpoint, bucket and static keys.
 *
 * @param endpoint the endpoint URI
 * @param bucket an existing bucket
 * @param accessKey the access key id
 * @param secretKey the secret key; never printed
 */
public record S3Target(URI endpoint, String bucket, String accessKey, String secretKey) {

  @Override
  public String toString() {
    return "S3Target[" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey + "]";
  }
}
