package dev.shellbus.devkit.s3;

import static dev.shellbus.devkit.s3.S3Transfers.download;
import static dev.shellbus.devkit.s3.S3Transfers.getText;
import static dev.shellbus.devkit.s3.S3Transfers.putText;
import static dev.shellbus.devkit.s3.S3Transfers.uploadUnknownLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import dev.shellbus.devkit.testing.Figures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Runs a private embedded S3 server on a filesystem store against the real AWS SDK. */
class EmbeddedS3IT {

    private static final String REGION = "us-east-1";

    @TempDir
    static Path storeDir;

    static EmbeddedS3 server;
    static S3AsyncClient s3;

    @BeforeAll
    static void startServer() {
        long begin = System.nanoTime();
        server = EmbeddedS3.builder().directory(storeDir).build().start();
        Figures.print("s3 start (filesystem store)", begin);
        s3 = client(server);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @Test
    void objectsRoundTripThroughPutGetAndListInTheBucketCreatedAtStart() {
        putText(s3, server.bucket(), "round-trip/a.txt", "alpha");
        putText(s3, server.bucket(), "round-trip/b.txt", "beta!");

        assertThat(getText(s3, server.bucket(), "round-trip/a.txt")).isEqualTo("alpha");
        assertThat(s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix("round-trip/")).join().contents())
                .extracting(S3Object::key, S3Object::size)
                .containsExactly(tuple("round-trip/a.txt", 5L), tuple("round-trip/b.txt", 5L));
    }

    @Test
    void unknownLengthMultipartUploadDownloadsWithTheSameSha256() throws Exception {
        long size = 20L * 1024 * 1024 + 12_345;
        S3Transfers.Upload upload;
        long begin = System.nanoTime();
        try (S3AsyncClient multipart = S3TestClients.multipart(
                server.endpoint(), REGION, server.accessKey(), server.secretKey())) {
            upload = uploadUnknownLength(multipart, server.bucket(), "big/blob.bin", size, 42L);
        }
        Figures.print("s3 multipart upload of 20 MiB, unknown length", begin);

        S3Transfers.Download downloaded = download(s3, server.bucket(), "big/blob.bin");

        assertThat(upload.response().eTag()).as("a 3-part multipart ETag").matches("\"?[0-9a-f]+-3\"?");
        assertThat(downloaded.length()).isEqualTo(size);
        assertThat(downloaded.sha256()).isEqualTo(upload.sha256());
    }

    @Test
    void requestsSignedWithWrongCredentialsAreRefusedWith403() {
        try (S3AsyncClient wrongSecret = S3TestClients.plain(server.endpoint(), REGION,
                        server.accessKey(), "not-the-secret");
                S3AsyncClient unknownKey = S3TestClients.plain(server.endpoint(), REGION,
                        "intruder", server.secretKey())) {
            assertRefused(wrongSecret);
            assertRefused(unknownKey);
        }
    }

    @Test
    void restartKeepsObjectsOnTheFilesystemStore() {
        putText(s3, server.bucket(), "restart/kept.txt", "still here");
        URI endpoint = server.endpoint();

        long begin = System.nanoTime();
        server.restart();
        Figures.print("s3 restart (stop + start, same dir and port)", begin);

        assertThat(server.endpoint()).isEqualTo(endpoint);
        assertThat(storeDir.resolve(server.bucket()).resolve("restart").resolve("kept.txt")).exists();
        assertThat(getText(s3, server.bucket(), "restart/kept.txt")).isEqualTo("still here");
    }

    @Test
    void inMemoryServerKeepsObjectsAcrossRestartAndStopClosesItsPort() throws Exception {
        EmbeddedS3 memory = EmbeddedS3.builder().inMemory().bucket("scratch").build().start();
        try (S3AsyncClient client = client(memory)) {
            putText(client, "scratch", "note.txt", "in memory");
            memory.restart();
            assertThat(getText(client, "scratch", "note.txt")).isEqualTo("in memory");
        } finally {
            memory.stop();
        }

        assertThat(memory.isRunning()).isFalse();
        try (Socket socket = new Socket()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", memory.endpoint().getPort());
            assertThatThrownBy(() -> socket.connect(address, 2_000)).isInstanceOf(ConnectException.class);
        }
    }

    private static void assertRefused(S3AsyncClient client) {
        assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket(server.bucket())).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    private static S3AsyncClient client(EmbeddedS3 target) {
        return S3TestClients.plain(target.endpoint(), REGION, target.accessKey(), target.secretKey());
    }
}
