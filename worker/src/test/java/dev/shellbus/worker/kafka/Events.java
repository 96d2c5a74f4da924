package dev.shellbus.worker.kafka;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.ResultTimings;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.TraceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds and reads the records the tests send and expect. */
final class Events {

  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private static final EventSerializer<SandboxRequest> REQUESTS = new EventSerializer<>(SandboxRequest.class);
  private static final EventSerializer<SandboxResult> RESULTS = new EventSerializer<>(SandboxResult.class);
  private static final EventDeserializer<SandboxResult> RESULT_READER = new EventDeserializer<>(SandboxResult.class);
  private static final EventSerializer<LifecycleEvent> LIFECYCLE = new EventSerializer<>(LifecycleEvent.class);

  private Events() {}

  static SandboxRequest exec(String requestId, String sessionId) {
    return envelope(requestId).setBody(Exec.newBuilder().setSessionId(sessionId).setArgv(List.of("echo", requestId))
        .build()).build();
  }

  static SandboxRequest cancel(String requestId, String target) {
    return envelope(requestId).setBody(Cancel.newBuilder().setTargetRequestId(target).setReason("test").build())
        .build();
  }

  private static SandboxRequest.Builder envelope(String requestId) {
    Instant now = Instant.now();
    return SandboxRequest.newBuilder().setRequestId(requestId).setTenant("acme").setPrincipal("tester")
        .setCreatedAt(now).setDeadline(now.plusSeconds(600))
        .setTrace(TraceContext.newBuilder().setTraceparent(TRACEPARENT).build());
  }

  static byte[] encode(SandboxRequest request) {
    return REQUESTS.encode(request);
  }

  static SandboxResult decodeResult(byte[] bytes) {
    return RESULT_READER.decode(bytes);
  }

  /** The completion a handler answers: a result with {@code status} and a terminal lifecycle event. */
  static Completion completion(InboundRequest in, TopicNames topics, ResultStatus status) {
    Instant now = Instant.now();
    SandboxResult result = SandboxResult.newBuilder().setRequestId(in.requestId()).setTenant("acme")
        .setAttempt(in.attempt()).setStatus(status).setWorkerId("test")
        .setTimings(ResultTimings.newBuilder().setAcceptedAt(now).setFinishedAt(now).build()).build();
    String eventId = UUID.randomUUID().toString();
    LifecycleEvent terminal = LifecycleEvent.newBuilder().setEventId(eventId).setRequestId(in.requestId())
        .setTenant("acme").setType(status == ResultStatus.CANCELLED ? LifecycleType.CANCELLED
            : LifecycleType.SUCCEEDED).setAt(now).setAttempt(in.attempt()).build();
    OutboundRecord resultRecord = new OutboundRecord(topics.results(), in.key(), RESULTS.encode(result),
        EventHeaders.forEvent(CloudEventAttributes.of(EventKind.RESULT, UUID.randomUUID().toString(),
            CloudEventAttributes.workerSource("test"), now, in.requestId()), in));
    OutboundRecord lifecycleRecord = new OutboundRecord(topics.lifecycle(), in.requestId(),
        LIFECYCLE.encode(terminal), EventHeaders.forEvent(CloudEventAttributes.of(EventKind.LIFECYCLE, eventId,
            CloudEventAttributes.workerSource("test"), now, in.requestId()), in));
    return new Completion(resultRecord, List.of(lifecycleRecord));
  }
}
