package dev.shellbus.events.schema;

import dev.shellbus.events.Fixtures;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;

/**
 * Run in a fresh JVM by {@link TrustWithoutFlagsTest}: uses the generated classes the way a user would, with no
 * -D flag and without calling anything of ours first. Exits 0 when Avro trusted them.
 */
public final class TrustProbe {

  private TrustProbe() {}

  public static void main(String[] args) throws Exception {
    Input copy = Input.newBuilder(Fixtures.inline("/sandbox/a", "x")).build();
    SandboxRequest request = SandboxRequest.newBuilder(Fixtures.request()).build();
    SandboxRequest decoded = SandboxRequest.getDecoder().decode(SandboxRequest.getEncoder().encode(request));
    SandboxResult result = SandboxResult.fromByteBuffer(Fixtures.result().toByteBuffer());
    if (!decoded.equals(request) || copy.getPath() == null || result.getSteps().isEmpty()) {
      throw new AssertionError("round trip changed the records");
    }
  }
}
