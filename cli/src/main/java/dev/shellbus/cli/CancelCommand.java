package dev.shellbus.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shellbus cancel ID}: publishes a {@code Cancel} of a running or queued request. It goes under the target's
 * key (its session id for a session call, else its request id), so that it reaches the worker that owns the target.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a request: it finishes CANCELLED and its sandbox is deleted. Idempotent: cancelling a finished request",
      "succeeds and changes nothing. Prints the Cancel's own request id; --follow waits for the Cancel's result.",
      "Exit codes: as submit (0 published or SUCCEEDED, 1 FAILED, 3 no result in time, 4 Kafka unreachable)."
    })
final class CancelCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PublishOptions publishing;

  @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request to cancel.")
  String target;

  @Option(names = "--session", paramLabel = "SESSION_ID",
      description = "The session of the target when it is a session call (Exec, PutFiles, ...), so the Cancel "
          + "reaches the worker running that session.")
  Optional<String> session;

  @Option(names = "--reason", description = "Why; copied into the target's lifecycle and audit events.")
  Optional<String> reason;

  @Option(names = "--tenant", defaultValue = RequestYaml.DEFAULT_TENANT,
      description = "Tenant of the Cancel, the target's (default: ${DEFAULT-VALUE}).")
  String tenant;

  @Override
  public Integer call() throws InterruptedException {
    SandboxRequest cancel = new RequestYaml(Clock.systemUTC()).convert(document(), Path.of("."));
    return publishing.publish("shellbus cancel", cancel, session.orElse(target),
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private ObjectNode document() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode body = nodes.objectNode().put("target_request_id", target);
    reason.ifPresent(r -> body.put("reason", r));
    ObjectNode doc = nodes.objectNode().put("tenant", tenant).put("deadline", "2m");
    doc.putObject("body").set("Cancel", body);
    return doc;
  }
}
