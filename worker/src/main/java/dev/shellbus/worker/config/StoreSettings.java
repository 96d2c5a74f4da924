package dev.shellbus.worker.config;

import static dev.shellbus.worker.config.ConfigKeys.*;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code store.*} part of the configuration: the S3-compatible object store for logs, artifacts, manifests and
 * snapshots.
 *
 * @param endpoint endpoint override; empty for AWS S3
 * @param region signing region
 * @param bucket the bucket
 * @param prefix key prefix of every object the worker writes
 * @param accessKey access key id; empty for the default credential chain
 * @param secretKey secret access key, with {@code accessKey}
 * @param pathStyle path-style addressing
 * @param partSize multipart part size
 */
public record StoreSettings(Optional<URI> endpoint, String region, String bucket, String prefix,
    Optional<String> accessKey, Optional<Secret> secretKey, boolean pathStyle, long partSize) {

  static StoreSettings from(ConfigValues v) {
    Optional<URI> endpoint = v.text(STORE_ENDPOINT).map(text -> {
      try {
        URI uri = URI.create(text);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException("needs a scheme and a host");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new ConfigException(STORE_ENDPOINT.name(), "'" + text + "' is not a URL: " + e.getMessage());
      }
    });
    if (v.get(STORE_BUCKET).isBlank()) {
      throw new ConfigException(STORE_BUCKET.name(), "must not be empty");
    }
    Optional<String> accessKey = v.text(STORE_ACCESS_KEY);
    Optional<Secret> secretKey = SecretFiles.resolve(v, STORE_SECRET_KEY, STORE_SECRET_KEY_FILE);
    if (accessKey.isPresent() != secretKey.isPresent()) {
      throw new ConfigException(accessKey.isPresent() ? STORE_SECRET_KEY.name() : STORE_ACCESS_KEY.name(),
          "store.access-key and store.secret-key go together");
    }
    return new StoreSettings(endpoint, v.get(STORE_REGION), v.get(STORE_BUCKET), v.get(STORE_PREFIX), accessKey,
        secretKey, v.get(STORE_PATH_STYLE), v.get(STORE_PART_SIZE));
  }
}
