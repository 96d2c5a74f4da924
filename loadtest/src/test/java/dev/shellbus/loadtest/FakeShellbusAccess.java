package dev.shellbus.loadtest;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.loadtest.kafka.TopicSet;
import java.util.function.Predicate;

/** Starts a {@link FakeShellbus} for tests in other packages. */
public final class FakeShellbusAccess {

  private FakeShellbusAccess() {}

  /** Starts a fake worker that fails the requests {@code fails} matches. */
  public static AutoCloseable start(String bootstrap, TopicSet topics, Predicate<SandboxRequest> fails) {
    return new FakeShellbus(bootstrap, topics, fails);
  }
}
