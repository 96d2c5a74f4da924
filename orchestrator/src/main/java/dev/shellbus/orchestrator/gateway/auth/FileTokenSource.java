package dev.shellbus.orchestrator.gateway.auth;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A token kept in a file that something else rotates (a Kubernetes projected token, a sidecar that
 * refreshes OIDC tokens). The file is read again whenever its modification time or size changes,
 * checked with an asynchronous {@code stat} before each call, so a rotated token is picked up without
 * a restart. Reads go through the Vert.x file system.
 */
public final class FileTokenSource implements TokenSource {
  private final Vertx vertx;
  private final Path file;
  private long seenModified = Long.MIN_VALUE;
  private long seenSize = -1;
  private String cached;

  public FileTokenSource(Vertx vertx, Path file) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public Future<String> token() {
    return vertx.fileSystem().props(file.toString())
        .recover(e -> Future.failedFuture(unreadable(e)))
        .compose(props -> {
          synchronized (this) {
            if (cached != null && props.lastModifiedTime() == seenModified && props.size() == seenSize) {
              return Future.succeededFuture(cached);
            }
          }
          return read(props);
        });
  }

  @Override
  public Future<String> refresh() {
    return vertx.fileSystem().props(file.toString())
        .recover(e -> Future.failedFuture(unreadable(e)))
        .compose(this::read);
  }

  /** True: the file may have been rotated since it was last read. */
  @Override
  public boolean canRefresh() {
    return true;
  }

  private Future<String> read(FileProps props) {
    return vertx.fileSystem().readFile(file.toString())
        .recover(e -> Future.failedFuture(unreadable(e)))
        .compose(bytes -> {
          String token = bytes.toString().trim();
          if (token.isEmpty()) {
            return Future.failedFuture(new ShellbusException(FailureCode.UNAUTHENTICATED, "token file " + file + " is empty"));
          }
          synchronized (this) {
            cached = token;
            seenModified = props.lastModifiedTime();
            seenSize = props.size();
          }
          return Future.succeededFuture(token);
        });
  }

  private ShellbusException unreadable(Throwable e) {
    return new ShellbusException(FailureCode.UNAUTHENTICATED, "token file " + file + " cannot be read: " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "FileTokenSource[" + file + "]";
  }
}
