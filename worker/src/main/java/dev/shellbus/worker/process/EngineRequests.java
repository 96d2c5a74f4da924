package dev.shellbus.worker.process;

import dev.shellbus.orchestrator.engine.Requests;
import dev.shellbus.orchestrator.engine.StepSpec;
import java.util.List;

/** Reads what the audit trail needs from an engine request: its commands and the providers it attaches. */
final class EngineRequests {

  private EngineRequests() {}

  static List<StepSpec> steps(Requests.Request request) {
    if (request instanceof Requests.Job job) {
      return job.steps();
    } else if (request instanceof Requests.Exec exec) {
      return List.of(exec.command());
    }
    return List.of();
  }

  static List<String> providers(Requests.Request request) {
    if (request instanceof Requests.Job job) {
      return job.sandbox().providers();
    } else if (request instanceof Requests.OpenSession open) {
      return open.sandbox().providers();
    }
    return List.of();
  }
}
