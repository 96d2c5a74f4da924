package dev.shellbus.orchestrator.store.s3;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.ContentDigest;
import dev.shellbus.orchestrator.store.DigestingReadStream;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import dev.shellbus.orchestrator.store.StoredObject;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.BufferedSplittableAsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * The object store on S3 or an S3-compatible server, through the SDK's async client on Netty.
 *
 * <p>Uploads use a multipart-enabled client: the body is a stream of unknown length that the SDK
 * pulls with reactive-streams demand (see {@link ReadStreamBody}); it cuts parts of
 * {@link S3Settings#partSizeBytes()} and holds at most {@link S3Settings#uploadBufferBytes()} in
 * memory; a body shorter than one part goes up as a single PUT. The stream is wrapped in a
 * {@link BufferedSplittableAsyncRequestBody}, so that each part (or the single PUT) is held as bytes
 * until it is sent and the SDK's retries (a 503 SlowDown, a reset connection) can send it again; the
 * SDK's own split parts can be read only once, and a retry of one failed the single PUT with "Multiple
 * subscribers detected" or stalled a multipart upload until its deadline. In-memory content
 * (manifests) goes up as one PUT of its bytes through the plain client. Downloads use a second, plain
 * client, because a multipart client downloads with {@code ?partNumber=N}, which s3proxy does not
 * serve. Both share one HTTP client. Every SDK future hops back to the caller's Vert.x context.
 * Uploads carry the SDK's CRC32 trailing checksum (unsigned streaming payload, which is also much
 * faster over plain HTTP than per-chunk SigV4 payload signing); downloads are not checksum-validated
 * by the SDK, since the store port computes SHA-256 itself.
 *
 * <p>A streamed body leaves the caller's event loop as views of its buffers: the copy of its bytes
 * into the arrays the SDK keeps for a part, their SHA-256 and size, and the SDK's own work on them
 * run on one of the store's body threads ({@code shellbus-s3-body-N}, at most four), in order, with
 * the SDK's demand still pacing the source.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  /** Threads that digest streamed bodies and hand them to the SDK, each upload on one of them. */
  private static final int BODY_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final Vertx vertx;
  private final SdkAsyncHttpClient http;
  private final S3AsyncClient uploads;
  private final S3AsyncClient downloads;
  private final EventExecutorGroup bodyThreads;

  private S3ObjectStore(Vertx vertx, SdkAsyncHttpClient http, S3AsyncClient uploads, S3AsyncClient downloads,
      EventExecutorGroup bodyThreads) {
    this.vertx = vertx;
    this.http = http;
    this.uploads = uploads;
    this.downloads = downloads;
    this.bodyThreads = bodyThreads;
  }

  /** Builds the clients; nothing is contacted until the first call. */
  public static S3ObjectStore create(Vertx vertx, S3Settings settings) {
    SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2))
        .maxConcurrency(64)
        .build();
    S3AsyncClient uploads = base(settings, http)
        .multipartEnabled(true)
        .multipartConfiguration(MultipartConfiguration.builder()
            .thresholdInBytes(settings.partSizeBytes())
            .minimumPartSizeInBytes(settings.partSizeBytes())
            .apiCallBufferSizeInBytes(settings.uploadBufferBytes())
            .build())
        .build();
    S3AsyncClient downloads = base(settings, http).build();
    EventExecutorGroup bodyThreads = new DefaultEventExecutorGroup(BODY_THREADS, new DefaultThreadFactory("shellbus-s3-body", true));
    return new S3ObjectStore(vertx, http, uploads, downloads, bodyThreads);
  }

  private static S3AsyncClientBuilder base(S3Settings settings, SdkAsyncHttpClient http) {
    S3AsyncClientBuilder builder = S3AsyncClient.builder()
        .httpClient(http)
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings))
        .forcePathStyle(settings.forcePathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.accessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().orElseThrow()));
  }

  @Override
  public Future<StoredObject> put(ObjectRef ref, ReadStream<Buffer> body, String contentType, Deadline deadline) {
    body.pause();
    Context context = vertx.getOrCreateContext();
    if (deadline.expired()) {
      return expired("put", ref);
    }
    ContentDigest digest = new ContentDigest();
    ReadStreamBody source = ReadStreamBody.offContext(context, body, contentType, bodyThreads.next(), digest);
    CompletableFuture<?> call = uploads.putObject(
        b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType)
            .overrideConfiguration(o -> o.apiCallTimeout(budget(deadline))),
        BufferedSplittableAsyncRequestBody.create(source));
    return bounded(call, context, deadline)
        .map(response -> stored(ref, digest.sealed()))
        .recover(failure -> Future.failedFuture(S3Errors.map("put", ref.uri(), failure)));
  }

  private static StoredObject stored(ObjectRef ref, ContentDigest.Sealed digest) {
    return new StoredObject(ref, digest.size(), digest.sha256Hex());
  }

  /**
   * Stores an in-memory buffer as one PUT with a replayable body, so that the SDK's own retries (a 503, a reset
   * connection) can send it again; a streamed body can be read only once, and a retry of it fails with "Multiple
   * subscribers detected".
   */
  @Override
  public Future<StoredObject> put(ObjectRef ref, Buffer content, String contentType, Deadline deadline) {
    Context context = vertx.getOrCreateContext();
    if (deadline.expired()) {
      return expired("put", ref);
    }
    byte[] bytes = content.getBytes();
    CompletableFuture<?> call = downloads.putObject(
        b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType).contentLength((long) bytes.length)
            .overrideConfiguration(o -> o.apiCallTimeout(budget(deadline))),
        AsyncRequestBody.fromBytes(bytes));
    return bounded(call, context, deadline)
        .map(response -> new StoredObject(ref, bytes.length, DigestingReadStream.sha256Hex(bytes)))
        .recover(failure -> Future.failedFuture(S3Errors.map("put", ref.uri(), failure)));
  }

  @Override
  public Future<ObjectContent> get(ObjectRef ref, Deadline deadline) {
    Context context = vertx.getOrCreateContext();
    if (deadline.expired()) {
      return expired("get", ref);
    }
    var call = downloads.getObject(
        b -> b.bucket(ref.bucket()).key(ref.key()).overrideConfiguration(o -> o.apiCallTimeout(budget(deadline))),
        AsyncResponseTransformer.toPublisher());
    return bounded(call, context, deadline)
        .map(response -> new ObjectContent(response.response().contentLength(),
            PublisherReadStream.subscribe(context, response)))
        .recover(failure -> Future.failedFuture(S3Errors.map("get", ref.uri(), failure)));
  }

  @Override
  public Future<Void> delete(ObjectRef ref, Deadline deadline) {
    Context context = vertx.getOrCreateContext();
    if (deadline.expired()) {
      return expired("delete", ref);
    }
    CompletableFuture<?> call = downloads.deleteObject(
        b -> b.bucket(ref.bucket()).key(ref.key()).overrideConfiguration(o -> o.apiCallTimeout(budget(deadline))));
    return bounded(call, context, deadline)
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(S3Errors.map("delete", ref.uri(), failure)));
  }

  /**
   * Checks that {@code bucket} exists and the credentials may use it (one HeadBucket call), for a start that fails
   * fast: {@code NOT_FOUND} for a missing bucket, {@code PERMISSION_DENIED} when the store refuses the credentials.
   */
  public Future<Void> checkBucket(String bucket, Deadline deadline) {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<?> call = downloads.headBucket(
        b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(budget(deadline))));
    return bounded(call, context, deadline)
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(S3Errors.bucketCheck(bucket, failure)));
  }

  /** Closes both clients, the HTTP client they share and the body threads. */
  @Override
  public void close() {
    uploads.close();
    downloads.close();
    http.close();
    bodyThreads.shutdownGracefully(0, 5, TimeUnit.SECONDS);
  }

  private <T> Future<T> bounded(CompletableFuture<T> call, Context context, Deadline deadline) {
    long timer = vertx.setTimer(Math.max(1, deadline.remaining().toMillis()), id -> call.cancel(false));
    return Future.fromCompletionStage(call, context).andThen(done -> vertx.cancelTimer(timer));
  }

  private static Duration budget(Deadline deadline) {
    Duration left = deadline.remaining();
    return left.isZero() ? Duration.ofMillis(1) : left;
  }

  private static <T> Future<T> expired(String operation, ObjectRef ref) {
    return Future.failedFuture(new ShellbusException(FailureCode.DEADLINE_EXCEEDED,
        operation + " " + ref.uri() + ": deadline passed before the call"));
  }
}
