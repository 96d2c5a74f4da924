package dev.shellbus.orchestrator.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Runs asynchronous test code on a Vert.x context and waits for it from the test thread. */
public final class OnContext {
  private OnContext() {}

  /** Starts {@code action} on {@code context} and waits up to {@code timeout} for its result. */
  public static <T> T await(Context context, Duration timeout, Supplier<Future<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(result::complete, result::completeExceptionally);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + timeout, e);
    }
  }

  /** Like {@link #await(Context, Duration, Supplier)} with a 30 second bound. */
  public static <T> T await(Context context, Supplier<Future<T>> action) {
    return await(context, Duration.ofSeconds(30), action);
  }
}
