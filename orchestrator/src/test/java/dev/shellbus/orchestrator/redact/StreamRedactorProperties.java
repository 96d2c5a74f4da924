package dev.shellbus.orchestrator.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the secrets and however the stream is split into chunks (inside a secret, inside a UTF-8 character), the
 * streamed output is exactly the one-shot masking of the whole stream, and no secret is left in it.
 */
class StreamRedactorProperties {
  /** Letters that overlap one another a lot, and the two bytes of "é"; none of them occurs in the mask. */
  private static final String ALPHABET = "abcé";

  @Property(tries = 1000)
  void streamedOutputEqualsOneShotMasking(@ForAll @IntRange(min = 1, max = 4) int secretCount,
      @ForAll @IntRange(min = 0, max = 300) int length, @ForAll long seed) {
    Random random = new Random(seed);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < secretCount; i++) {
      values.add(text(random, 1 + random.nextInt(8)));
    }
    byte[] stream = stream(random, values, length);
    Secrets secrets = Secrets.of(values);

    byte[] streamed = streamed(secrets, stream, random);

    assertThat(streamed).isEqualTo(reference(values, stream)).isEqualTo(secrets.redact(stream));
    String out = new String(streamed, StandardCharsets.UTF_8);
    for (String value : values) {
      assertThat(out).doesNotContain(value);
    }
  }

  @Property(tries = 200)
  void withoutSecretsEveryChunkPassesThroughUncopied(@ForAll byte[] chunk) {
    StreamRedactor redactor = Secrets.NONE.stream();
    Buffer in = Buffer.buffer(chunk);
    assertThat(redactor.write(in)).isSameAs(in);
    assertThat(redactor.finish().length()).isZero();
  }

  private static byte[] streamed(Secrets secrets, byte[] stream, Random random) {
    StreamRedactor redactor = secrets.stream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < stream.length) {
      int n = Math.min(stream.length - at, random.nextInt(random.nextBoolean() ? 4 : 40));
      out.writeBytes(redactor.write(Buffer.buffer().appendBytes(stream, at, n)).getBytes());
      at += n;
    }
    out.writeBytes(redactor.finish().getBytes());
    return out.toByteArray();
  }

  /** Random text with the secrets, and fragments of them, sprinkled in. */
  private static byte[] stream(Random random, List<String> values, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      String value = values.get(random.nextInt(values.size()));
      switch (random.nextInt(3)) {
        case 0 -> text.append(value);
        case 1 -> text.append(value, 0, random.nextInt(value.length() + 1));
        default -> text.append(text(random, 1 + random.nextInt(5)));
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** The rule written out plainly: left to right, longest secret first, the mask in place of each hit. */
  private static byte[] reference(List<String> values, byte[] data) {
    List<byte[]> secrets = values.stream().distinct().map(v -> v.getBytes(StandardCharsets.UTF_8))
        .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed()).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    next:
    while (i < data.length) {
      for (byte[] secret : secrets) {
        if (i + secret.length <= data.length
            && java.util.Arrays.equals(data, i, i + secret.length, secret, 0, secret.length)) {
          out.writeBytes(Secrets.MASK.getBytes(StandardCharsets.UTF_8));
          i += secret.length;
          continue next;
        }
      }
      out.write(data[i++]);
    }
    return out.toByteArray();
  }
}
