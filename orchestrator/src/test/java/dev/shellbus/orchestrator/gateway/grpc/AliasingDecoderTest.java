package dev.shellbus.orchestrator.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxExit;
import dev.shellbus.gateway.v1.ExecSandboxStdout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.WireFormat;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exec events decode to the same values as with the generated decoder; output aliases only memory nobody reuses. */
class AliasingDecoderTest {
  private static final byte[] OUTPUT = random(40_000);

  private static ExecSandboxEvent stdout(byte[] data) {
    return ExecSandboxEvent.newBuilder().setStdout(ExecSandboxStdout.newBuilder().setData(ByteString.copyFrom(data))).build();
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(12).nextBytes(bytes);
    return bytes;
  }

  private static ExecSandboxEvent decode(Buffer payload) throws Exception {
    return AliasingDecoder.EXEC.decoder().decode(GrpcMessage.message("identity", WireFormat.PROTOBUF, payload));
  }

  @Test
  void outputInAnUnpooledHeapPayloadIsAViewNotACopy() throws Exception {
    byte[] wire = stdout(OUTPUT).toByteArray();
    ExecSandboxEvent event = decode(BufferInternal.buffer(Unpooled.wrappedBuffer(wire)));
    Buffer view = GrpcExecCall.view(event.getStdout().getData());
    assertThat(view.getBytes()).isEqualTo(OUTPUT);

    wire[wire.length - 1] ^= 0x55;
    assertThat(view.getByte(OUTPUT.length - 1)).as("the view shares the payload's memory").isEqualTo((byte) (OUTPUT[OUTPUT.length - 1] ^ 0x55));
  }

  @Test
  void aPayloadSlicedFromTheMiddleOfAFrameDecodesOnlyItsOwnBytes() throws Exception {
    byte[] wire = stdout(OUTPUT).toByteArray();
    Buffer frame = Buffer.buffer().appendBytes(new byte[] {0, 1, 2, 3, 4}).appendBytes(wire).appendBytes(new byte[] {9, 9, 9});
    ExecSandboxEvent event = decode(frame.slice(5, 5 + wire.length));
    assertThat(GrpcExecCall.view(event.getStdout().getData()).getBytes()).isEqualTo(OUTPUT);
  }

  @Test
  void outputFromAPooledPayloadStaysValidAfterThePayloadIsReleasedAndItsMemoryReused() throws Exception {
    for (ByteBuf pooled : new ByteBuf[] {PooledByteBufAllocator.DEFAULT.directBuffer(), PooledByteBufAllocator.DEFAULT.heapBuffer()}) {
      byte[] wire = stdout(OUTPUT).toByteArray();
      pooled.writeBytes(wire);
      ExecSandboxEvent event = decode(BufferInternal.buffer(pooled));
      Buffer view = GrpcExecCall.view(event.getStdout().getData());

      int capacity = pooled.capacity();
      boolean direct = pooled.isDirect();
      pooled.release();
      ByteBuf reused = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(capacity) : PooledByteBufAllocator.DEFAULT.heapBuffer(capacity);
      byte[] garbage = new byte[capacity];
      Arrays.fill(garbage, (byte) 0x7f);
      reused.writeBytes(garbage);

      assertThat(view.getBytes()).isEqualTo(OUTPUT);
      reused.release();
    }
  }

  @Test
  void everyEventDecodesToWhatTheGeneratedDecoderGives() throws Exception {
    ExecSandboxEvent exit = ExecSandboxEvent.newBuilder().setExit(ExecSandboxExit.newBuilder().setExitCode(124)).build();
    ExecSandboxEvent empty = stdout(new byte[0]);
    for (ExecSandboxEvent event : new ExecSandboxEvent[] {stdout(OUTPUT), exit, empty}) {
      GrpcMessage message = GrpcMessage.message("identity", WireFormat.PROTOBUF, Buffer.buffer(event.toByteArray()));
      assertThat(AliasingDecoder.EXEC.decoder().decode(message)).isEqualTo(event);
      assertThat(AliasingDecoder.EXEC_INTERACTIVE.decoder().decode(message)).isEqualTo(event);
    }
  }

  @Test
  void jsonGoesToTheGeneratedDecoder() throws Exception {
    ExecSandboxEvent exit = ExecSandboxEvent.newBuilder().setExit(ExecSandboxExit.newBuilder().setExitCode(3)).build();
    Buffer json = Buffer.buffer(JsonFormat.printer().print(exit));
    assertThat(AliasingDecoder.EXEC.decoder().accepts(WireFormat.JSON)).isTrue();
    assertThat(AliasingDecoder.EXEC.decoder().decode(GrpcMessage.message("identity", WireFormat.JSON, json))).isEqualTo(exit);
  }
}
