package dev.shellbus.devkit.s3;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.BlockingOutputStreamAsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Object transfers for the integration tests, with SHA-256 digests computed while streaming. */
public final class S3Transfers {

    private static final int CHUNK = 64 * 1024;

    private S3Transfers() {}

    /** Puts a small UTF-8 text object. */
    public static PutObjectResponse putText(S3AsyncClient s3, String bucket, String key, String text) {
        return s3.putObject(b -> b.bucket(bucket).key(key),
                AsyncRequestBody.fromString(text, StandardCharsets.UTF_8)).join();
    }

    /** Gets an object as UTF-8 text. */
    public static String getText(S3AsyncClient s3, String bucket, String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                .join().asUtf8String();
    }

    /**
     * Streams {@code size} pseudo-random bytes as a body of unknown length, so the client cannot
     * know the size up front, and returns the upload's result and the SHA-256 of what was sent.
     */
    public static Upload uploadUnknownLength(S3AsyncClient s3, String bucket, String key, long size,
            long seed) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        BlockingOutputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingOutputStream(null);
        CompletableFuture<PutObjectResponse> response =
                s3.putObject(b -> b.bucket(bucket).key(key), body);
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = body.outputStream()) {
            for (long left = size; left > 0; left -= CHUNK) {
                int n = (int) Math.min(CHUNK, left);
                random.nextBytes(chunk);
                sha256.update(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
        return new Upload(response.join(), HexFormat.of().formatHex(sha256.digest()));
    }

    /** Downloads an object as a stream and returns its SHA-256 and length. */
    public static Download download(S3AsyncClient s3, String bucket, String key) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key),
                AsyncResponseTransformer.toBlockingInputStream()).join()) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                length += n;
            }
        }
        return new Download(HexFormat.of().formatHex(sha256.digest()), length);
    }

    /** What an upload returned and the digest of the bytes sent. */
    public record Upload(PutObjectResponse response, String sha256) {}

    /** The digest and length of the bytes received. */
    public record Download(String sha256, long length) {}
}
