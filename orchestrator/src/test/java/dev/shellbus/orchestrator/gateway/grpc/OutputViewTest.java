package dev.shellbus.orchestrator.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exec output reaches consumers as a view over the message's bytes; everything a consumer does with it works. */
class OutputViewTest {

  @Test
  void aViewReadsLikeACopy() {
    ByteString bytes = ByteString.copyFrom("hello, view\n", StandardCharsets.UTF_8);
    Buffer view = GrpcExecCall.view(bytes);

    assertThat(view.length()).isEqualTo(12);
    assertThat(view.toString()).isEqualTo("hello, view\n");
    assertThat(view.getBytes()).isEqualTo(bytes.toByteArray());
    assertThat(view.getBuffer(7, 11).toString()).isEqualTo("view");
    assertThat(view.slice(0, 5).toString()).isEqualTo("hello");
    assertThat(view).isEqualTo(Buffer.buffer("hello, view\n"));
    Buffer target = Buffer.buffer("> ");
    target.appendBuffer(view, 7, 5);
    assertThat(target.toString()).isEqualTo("> view\n");
    byte[] into = new byte[5];
    view.getBytes(0, 5, into, 0);
    assertThat(new String(into, StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void aViewOfAPartOfALargerMessageSeesOnlyItsPart() {
    ByteString whole = ByteString.copyFrom("0123456789", StandardCharsets.UTF_8);
    Buffer view = GrpcExecCall.view(whole.substring(3, 7));
    assertThat(view.toString()).isEqualTo("3456");
    assertThat(view.getByte(0)).isEqualTo((byte) '3');
  }
}
