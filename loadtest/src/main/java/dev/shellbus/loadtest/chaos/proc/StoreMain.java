package dev.shellbus.loadtest.chaos.proc;

import dev.shellbus.devkit.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded S3 server (s3proxy on a filesystem store, so a restart keeps every object) as a process of its own:
 * {@code StoreMain DIR PORT}. Credentials and bucket are the devkit defaults. It prints {@code @ready <endpoint>} once
 * it serves and runs until it is terminated.
 */
public final class StoreMain {

  private StoreMain() {}

  /** Starts the store and parks. */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedS3 s3 = EmbeddedS3.builder().directory(Path.of(args[0])).port(Integer.parseInt(args[1])).build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "chaos-store-stop"));
    System.out.println("@ready " + s3.endpoint());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
