package dev.shellbus.devkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (s3proxy) running in this JVM on 127.0.0.1, storing objects in a local
 * directory or, for throwaway use, in memory.
 *
 * <p>Requests must be signed (AWS signature V2 or V4) with the configured access and secret key;
 * any region is accepted. One bucket is created at start if missing. Unknown request headers are
 * ignored, because the AWS SDK's multipart client sends {@code x-amz-mp-object-size}, which s3proxy
 * would otherwise refuse with 501. The port chosen at the first start is kept for restarts, and a
 * restart keeps every object: the filesystem store is read back from its directory, the in-memory
 * store lives as long as this object.
 *
 * <p>A multipart-enabled SDK client downloads with {@code ?partNumber=N}, which s3proxy does not
 * support; download with a plain client or ranged GETs.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Optional<Path> directory;
    private final int fixedPort;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;
    private final Duration startTimeout;
    private final BlobStore inMemoryStore;

    private int port;
    private S3Proxy proxy;

    EmbeddedS3(EmbeddedS3Builder builder) {
        this.directory = builder.directory;
        this.fixedPort = builder.port;
        this.accessKey = builder.accessKey;
        this.secretKey = builder.secretKey;
        this.bucket = builder.bucket;
        this.startTimeout = builder.startTimeout;
        this.inMemoryStore = directory.isEmpty() ? new TransientNio2BlobStore() : null;
    }

    /** Starts a builder; without {@link EmbeddedS3Builder#directory(Path)} objects stay in memory. */
    public static EmbeddedS3Builder builder() {
        return new EmbeddedS3Builder();
    }

    /**
     * Starts the server, creates the bucket if missing and returns once requests are served.
     *
     * @throws IllegalStateException if it is already running or does not reach STARTED in time
     */
    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            throw new IllegalStateException("embedded S3 already running on " + endpoint());
        }
        long begin = System.nanoTime();
        boolean firstStart = port == 0;
        BlobStore store = openStore();
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        S3Proxy candidate = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + (firstStart ? fixedPort : port)))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            candidate.start();
            awaitStarted(candidate, begin);
        } catch (Exception e) {
            stopQuietly(candidate);
            throw new IllegalStateException("embedded S3 failed to start (" + storeDescription() + ")", e);
        }
        proxy = candidate;
        port = candidate.getPort();
        LOG.info("Embedded S3 {} on {} in {} ms (bucket {}, {})", firstStart ? "started" : "restarted",
                endpoint(), (System.nanoTime() - begin) / 1_000_000, bucket, storeDescription());
        return this;
    }

    /** Stops the server, keeping the stored objects; does nothing if it is not running. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded S3 on " + endpoint() + " failed to stop", e);
        } finally {
            proxy = null;
        }
        LOG.info("Embedded S3 on {} stopped in {} ms", endpoint(), (System.nanoTime() - begin) / 1_000_000);
    }

    /** Stops the server and starts it again on the same port with the same objects. */
    public synchronized EmbeddedS3 restart() {
        stop();
        return start();
    }

    /** Same as {@link #stop()}, so that try-with-resources and test stores shut it down. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Returns the endpoint, {@code http://127.0.0.1:<port>}, valid from the first start on; use it
     * with path-style addressing.
     *
     * @throws IllegalStateException before the first start
     */
    public synchronized URI endpoint() {
        if (port == 0) {
            throw new IllegalStateException("embedded S3 has not been started yet");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Tells whether the server is running now. */
    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** Returns the access key that requests must be signed with. */
    public String accessKey() {
        return accessKey;
    }

    /** Returns the secret key that requests must be signed with; never log it. */
    public String secretKey() {
        return secretKey;
    }

    /** Returns the name of the bucket created at start. */
    public String bucket() {
        return bucket;
    }

    /** Returns the directory holding the objects, or empty for the in-memory store. */
    public Optional<Path> directory() {
        return directory;
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedS3[" + (port == 0 ? "not started" : endpoint()) + ", "
                + (proxy == null ? "stopped" : "running") + ", bucket " + bucket + ", "
                + storeDescription() + "]";
    }

    private BlobStore openStore() {
        if (inMemoryStore != null) {
            return inMemoryStore;
        }
        Path dir = directory.orElseThrow();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 store directory " + dir, e);
        }
        return new FilesystemNio2BlobStore(dir.toString());
    }

    private void awaitStarted(S3Proxy candidate, long begin) {
        long deadline = begin + startTimeout.toNanos();
        String state = candidate.getState();
        while (!"STARTED".equals(state)) {
            if ("FAILED".equals(state) || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("s3proxy state " + state + " after " + startTimeout);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for s3proxy to start");
            }
            state = candidate.getState();
        }
    }

    private static void stopQuietly(S3Proxy failed) {
        try {
            failed.stop();
        } catch (Exception e) {
            LOG.debug("Stopping an s3proxy that failed to start also failed", e);
        }
    }

    private String storeDescription() {
        return directory.map(dir -> "filesystem " + dir).orElse("in memory");
    }
}
