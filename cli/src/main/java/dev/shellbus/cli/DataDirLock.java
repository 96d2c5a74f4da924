package dev.shellbus.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on the data directory of {@code shellbus dev}, taken before anything else starts, so that a
 * second {@code shellbus dev} on the same directory refuses at once instead of starting a broker on the first one's
 * KRaft log. The lock file holds the owner's pid; the operating system releases the lock when the owner dies, even
 * by {@code kill -9}.
 */
final class DataDirLock implements AutoCloseable {

  /** The lock file's name inside the data directory. */
  static final String FILE = "shellbus-dev.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code dataDir}, creating the directory.
   *
   * @throws IllegalStateException naming the directory and the running owner's pid when another process holds it
   */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String owner = owner(file).map(pid -> " (pid " + pid + ")").orElse("");
      channel.close();
      throw new IllegalStateException("another shellbus dev" + owner + " is running on " + dataDir
          + "; stop it first, or give this one its own --data-dir and ports");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
    return new DataDirLock(channel, lock);
  }

  private static Optional<String> owner(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
