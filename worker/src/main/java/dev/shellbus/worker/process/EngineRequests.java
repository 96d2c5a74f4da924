package dev.shellbus.worker.process;

import dev.shellbus.orchestrator.engine.Requests;
import java.util.List;

/** Reads what the audit trail needs from an engine request: the providers it attaches. */
final class EngineRequests {

  private EngineRequests() {}

  static List<String> providers(Requests.Request request) {
    if (request instanceof Requests.Job job) {
      return job.sandbox().providers();
    } else if (request instanceof Requests.OpenSession open) {
      return open.sandbox().providers();
    }
    return List.of();
  }
}
