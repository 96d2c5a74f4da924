package dev.shellbus.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.Fixtures;
import dev.shellbus.events.v1.SandboxRequest;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the bytes, decoding returns a record or throws EventDecodingException, nothing else. */
class DecodingFuzzProperties {

  private static final byte[] VALID =
      new EventSerializer<>(SandboxRequest.class).serialize("t", Fixtures.request());
  private final EventDeserializer<SandboxRequest> requests = new EventDeserializer<>(SandboxRequest.class);

  @Property(tries = 1000)
  void arbitraryBytesNeverEscapeUntyped(@ForAll @Size(max = 64) byte[] bytes) {
    assertDecodesOrFailsTyped(bytes);
  }

  @Property(tries = 1000)
  void validHeaderWithRandomBodyNeverEscapesUntyped(@ForAll @Size(max = 200) byte[] body) {
    byte[] bytes = Arrays.copyOf(VALID, SingleObjectHeader.LENGTH + body.length);
    System.arraycopy(body, 0, bytes, SingleObjectHeader.LENGTH, body.length);
    assertDecodesOrFailsTyped(bytes);
  }

  @Property(tries = 1000)
  void corruptedValidRecordNeverEscapesUntyped(@ForAll("positions") int position, @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 2) int mode) {
    int at = position % VALID.length;
    byte[] bytes = switch (mode) {
      case 0 -> flip(at, value);
      case 1 -> Arrays.copyOf(VALID, at);
      default -> Arrays.copyOf(VALID, VALID.length + 1 + at % 8);
    };
    assertDecodesOrFailsTyped(bytes);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 100_000);
  }

  private static byte[] flip(int at, byte value) {
    byte[] bytes = VALID.clone();
    bytes[at] = value;
    return bytes;
  }

  private void assertDecodesOrFailsTyped(byte[] bytes) {
    try {
      assertThat(requests.decode(bytes)).isNotNull();
    } catch (EventDecodingException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }
}
