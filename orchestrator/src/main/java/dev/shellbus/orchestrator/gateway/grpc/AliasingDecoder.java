package dev.shellbus.orchestrator.gateway.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.WireFormat;

/**
 * A protobuf decoder whose {@code bytes} fields are views over the received message, not copies. The
 * generated decoder copied every exec output byte twice on the event loop: the payload into a
 * {@code byte[]} ({@code Buffer.getBytes()}) and each {@code bytes} field out of it again (protobuf
 * copies unless the input is immutable and aliasing is on).
 *
 * <p>Aliasing is safe when nothing writes the payload's memory after it is decoded and nothing hands
 * it back to a pool. Vert.x gives the gRPC decoder a slice of an unpooled heap buffer: its HTTP/2
 * layer copies every DATA frame out of Netty's pooled buffers ({@code safeBuffer}), and its message
 * deframer only appends beyond the bytes it has sliced a message from, then moves on to a new buffer.
 * A payload in pooled or direct memory (another transport, a later Vert.x) is copied once instead.
 */
final class AliasingDecoder<T extends MessageLite> implements GrpcMessageDecoder<T> {
  /** {@code ExecSandbox} with output views. */
  static final ServiceMethod<ExecSandboxEvent, ExecSandboxRequest> EXEC =
      of(OpenShellGrpcClient.ExecSandbox, ExecSandboxEvent.parser());

  /** {@code ExecSandboxInteractive} with output views. */
  static final ServiceMethod<ExecSandboxEvent, ExecSandboxInput> EXEC_INTERACTIVE =
      of(OpenShellGrpcClient.ExecSandboxInteractive, ExecSandboxEvent.parser());

  private final Parser<T> parser;
  private final GrpcMessageDecoder<T> fallback;

  AliasingDecoder(Parser<T> parser, GrpcMessageDecoder<T> fallback) {
    this.parser = parser;
    this.fallback = fallback;
  }

  /** {@code method} with this decoder for its responses; other wire formats go to its own decoder. */
  static <Req, Resp extends MessageLite> ServiceMethod<Resp, Req> of(ServiceMethod<Resp, Req> method, Parser<Resp> parser) {
    return ServiceMethod.client(method.serviceName(), method.methodName(), method.encoder(),
        new AliasingDecoder<>(parser, method.decoder()));
  }

  @Override
  public T decode(GrpcMessage message) throws CodecException {
    if (message.format() != WireFormat.PROTOBUF) {
      return fallback.decode(message);
    }
    try {
      CodedInputStream input = immutable(message.payload()).newCodedInput();
      input.enableAliasing(true);
      return parser.parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw new CodecException(e);
    }
  }

  @Override
  public boolean accepts(WireFormat format) {
    return fallback.accepts(format);
  }

  /** The payload as a {@code ByteString}: a view when its memory is never reused, else one copy. */
  static ByteString immutable(Buffer payload) {
    ByteBuf bytes = ((BufferInternal) payload).getByteBuf();
    if (ownedHeap(bytes)) {
      return UnsafeByteOperations.unsafeWrap(bytes.nioBuffer());
    }
    return ByteString.copyFrom(bytes.nioBuffer());
  }

  private static boolean ownedHeap(ByteBuf bytes) {
    ByteBufAllocator alloc = bytes.alloc();
    return bytes.hasArray() && !(alloc instanceof PooledByteBufAllocator) && !(alloc instanceof AdaptiveByteBufAllocator);
  }
}
