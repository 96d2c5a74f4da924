package dev.shellbus.worker.kafka;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Encodes {@link RequestState} as UTF-8 JSON, with byte fields in base64.
 *
 * <p>JSON keeps the state topic readable with any console consumer and needs no schema of its own; {@code "v": 1}
 * versions the layout. Readers ignore fields they do not know.
 */
final class RequestStateCodec {

  static final int VERSION = 1;

  private RequestStateCodec() {}

  static byte[] encode(RequestState state) {
    JsonObject json = new JsonObject()
        .put("v", VERSION)
        .put("requestId", state.requestId())
        .put("state", state.status().name())
        .put("attempt", state.attempt())
        .put("workerId", state.workerId())
        .put("updatedAt", state.updatedAt().toString())
        .put("offset", state.offset());
    state.sandboxName().ifPresent(n -> json.put("sandboxName", n));
    if (!state.records().isEmpty()) {
      JsonArray records = new JsonArray();
      state.records().forEach(r -> records.add(record(r)));
      json.put("records", records);
    }
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes a state; throws {@link IllegalArgumentException} when the bytes are not one. */
  static RequestState decode(byte[] bytes) {
    try {
      JsonObject json = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      List<OutboundRecord> records = new ArrayList<>();
      JsonArray array = json.getJsonArray("records", new JsonArray());
      for (int i = 0; i < array.size(); i++) {
        records.add(record(array.getJsonObject(i)));
      }
      return new RequestState(json.getString("requestId"),
          RequestState.Status.valueOf(json.getString("state")),
          json.getInteger("attempt", 1),
          json.getString("workerId", ""),
          Optional.ofNullable(json.getString("sandboxName")),
          Instant.parse(json.getString("updatedAt")),
          json.getLong("offset", -1L),
          records);
    } catch (DecodeException | ClassCastException | NullPointerException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a request state: " + e.getMessage(), e);
    }
  }

  private static JsonObject record(OutboundRecord r) {
    JsonArray headers = new JsonArray();
    for (Header h : r.headers()) {
      JsonObject header = new JsonObject().put("name", h.key());
      if (h.value() != null) {
        header.put("value", h.value());
      }
      headers.add(header);
    }
    JsonObject json = new JsonObject().put("topic", r.topic()).put("value", r.value()).put("headers", headers);
    if (r.key() != null) {
      json.put("key", r.key());
    }
    return json;
  }

  private static OutboundRecord record(JsonObject json) {
    List<Header> headers = new ArrayList<>();
    JsonArray array = json.getJsonArray("headers", new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      JsonObject h = array.getJsonObject(i);
      headers.add(new RecordHeader(h.getString("name"), h.getBinary("value")));
    }
    return new OutboundRecord(json.getString("topic"), json.getString("key"), json.getBinary("value"), headers);
  }
}
