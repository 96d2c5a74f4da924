package dev.shellbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders decoded Avro records as compact one-line JSON for people: timestamps as ISO-8601, enums as strings, bytes
 * as their UTF-8 text shortened to {@value #MAX_BYTES_CHARS} characters (or a size when not text).
 *
 * <p>A mask, when given, rewrites every string and every text of bytes before it is shortened: {@code shellbus tail}
 * passes the request's {@code SecretScrubber} so that secret env values never reach the terminal.
 */
public final class RecordJson {

  /** How many characters of a bytes value are shown. */
  public static final int MAX_BYTES_CHARS = 80;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  /** Returns {@code value} (a record, list, map or scalar) as one line of JSON, bytes shortened for people. */
  public static String toJson(Object value) {
    return toJson(value, UnaryOperator.identity());
  }

  /** Returns {@code value} as one line of JSON for people, every string and text passed through {@code mask}. */
  public static String toJson(Object value, UnaryOperator<String> mask) {
    return write(toNode(value, true, mask));
  }

  /**
   * Returns {@code value} as one line of JSON for scripts: bytes whole, as UTF-8 text, or as {@code base64:...} when
   * they are not text.
   */
  public static String toScriptJson(Object value) {
    return write(toNode(value, false, UnaryOperator.identity()));
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "{\"error\":" + NODES.textNode(e.toString()) + "}";
    }
  }

  /** Returns {@code value} as a JSON tree, bytes shortened for people. */
  public static JsonNode toNode(Object value) {
    return toNode(value, true, UnaryOperator.identity());
  }

  private static JsonNode toNode(Object value, boolean shortenBytes, UnaryOperator<String> mask) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof IndexedRecord record) {
      ObjectNode object = NODES.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        object.set(field.name(), toNode(record.get(field.pos()), shortenBytes, mask));
      }
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toNode(v, shortenBytes, mask)));
      return object;
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(toNode(item, shortenBytes, mask)));
      return array;
    }
    if (value instanceof ByteBuffer bytes) {
      return NODES.textNode(shortenBytes ? shorten(bytes, mask) : whole(bytes, mask));
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    return NODES.textNode(value instanceof CharSequence ? mask.apply(value.toString()) : value.toString());
  }

  /** Returns the bytes as UTF-8 text, or {@code base64:} and their Base64 form when they are not text. */
  static String whole(ByteBuffer bytes) {
    return whole(bytes, UnaryOperator.identity());
  }

  private static String whole(ByteBuffer bytes, UnaryOperator<String> mask) {
    return utf8(bytes).map(mask).orElseGet(() -> {
      byte[] raw = new byte[bytes.remaining()];
      bytes.duplicate().get(raw);
      return "base64:" + Base64.getEncoder().encodeToString(raw);
    });
  }

  /** Returns the bytes as text, at most {@value #MAX_BYTES_CHARS} characters, marking what was cut. */
  public static String shorten(ByteBuffer bytes) {
    return shorten(bytes, UnaryOperator.identity());
  }

  private static String shorten(ByteBuffer bytes, UnaryOperator<String> mask) {
    int size = bytes.remaining();
    return utf8(bytes).map(mask).map(s -> s.length() <= MAX_BYTES_CHARS ? s
        : s.substring(0, MAX_BYTES_CHARS) + "...<" + size + " bytes>").orElse("<" + size + " bytes, binary>");
  }

  /** Returns the bytes decoded as UTF-8, or empty when they are not valid UTF-8; the buffer is left as it is. */
  private static Optional<String> utf8(ByteBuffer bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.duplicate()).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
