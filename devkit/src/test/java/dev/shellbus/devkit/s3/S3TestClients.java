package dev.shellbus.devkit.s3;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * AWS SDK clients for the integration tests, set up the way shellbus talks to S3-compatible stores:
 * path-style addressing on the Netty async client.
 */
public final class S3TestClients {

    /** Part size and threshold of the multipart client: 8 MiB. */
    public static final long PART_BYTES = 8L << 20;

    private S3TestClients() {}

    /** A plain client; use it for downloads, which s3proxy does not serve by part number. */
    public static S3AsyncClient plain(URI endpoint, String region, String accessKey, String secretKey) {
        return builder(endpoint, region, accessKey, secretKey).build();
    }

    /** A client that uploads bodies above {@link #PART_BYTES} as multipart uploads. */
    public static S3AsyncClient multipart(URI endpoint, String region, String accessKey,
            String secretKey) {
        return builder(endpoint, region, accessKey, secretKey)
                .multipartEnabled(true)
                .multipartConfiguration(MultipartConfiguration.builder()
                        .thresholdInBytes(PART_BYTES)
                        .minimumPartSizeInBytes(PART_BYTES)
                        .build())
                .build();
    }

    private static S3AsyncClientBuilder builder(URI endpoint, String region, String accessKey,
            String secretKey) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder());
    }
}
