package dev.shellbus.devkit.gateway.exec;

import java.nio.file.Path;
import java.util.Map;

/** A fixed sandbox for exec tests. */
record TestTarget(String id, Path workspace, boolean ready, Map<String, String> environment, boolean networkAllowed)
    implements ExecTarget {

  @Override
  public String name() {
    return "test-" + id;
  }
}
