package dev.shellbus.loadtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the artifact benchmark: the same bytes the worker moves (a {@code tar -c} of a sparse file of the
 * same size) copied over a loopback TCP connection into a file on the same disk as the object store, with 64 KiB
 * buffers and nothing else: no gRPC, no HTTP, no digest.
 */
final class PlainCopy {

  private PlainCopy() {}

  /** Copies and returns bytes per second. */
  static double run(Path dir, long size) throws Exception {
    Path source = dir.resolve("artifact.bin");
    try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
      f.setLength(size);
    }
    Path target = dir.resolve("copy.tar");
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      long start = System.nanoTime();
      CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> receive(server, target));
      Process tar = new ProcessBuilder("tar", "-c", "-C", dir.toString(), "artifact.bin")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long sent;
      try (SocketChannel out = SocketChannel.open(server.getLocalAddress()); InputStream in = tar.getInputStream()) {
        sent = pump(in, out);
      }
      long got = received.get(30, TimeUnit.MINUTES);
      tar.waitFor(1, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (got != sent) {
        throw new IllegalStateException("plain copy lost bytes: sent " + sent + ", received " + got);
      }
      return got / seconds;
    } finally {
      Files.deleteIfExists(source);
      Files.deleteIfExists(target);
    }
  }

  private static long pump(InputStream in, SocketChannel out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
      while (b.hasRemaining()) {
        out.write(b);
      }
      total += n;
    }
    return total;
  }

  private static long receive(ServerSocketChannel server, Path target) {
    try (SocketChannel in = server.accept(); FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
      long total = 0;
      while (in.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          total += out.write(buffer);
        }
        buffer.clear();
      }
      return total;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
