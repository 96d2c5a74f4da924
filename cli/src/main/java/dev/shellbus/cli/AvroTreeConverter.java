package dev.shellbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts a YAML (or JSON) tree into an Avro generic datum following a schema.
 *
 * <p>Records are matched by field name: a missing field takes the schema default, else it is an error; an unknown
 * field is an error. A union takes null, or a single-key map naming one of its record branches ({@code body:
 * {RunJob: {...}}}), or else the first branch that converts. Enums are strings; bytes are a UTF-8 string, {@code
 * {base64: ...}} or {@code {file: path}} (relative to the base directory); {@code timestamp-millis} values are
 * ISO-8601 instants or epoch milliseconds and become {@link Instant}s, as the generated classes expect. Every error
 * is a {@link ConversionException} naming the path of the value.
 */
public final class AvroTreeConverter {

  private final Path baseDir;

  /** Creates a converter that resolves {@code {file: ...}} bytes against {@code baseDir}. */
  public AvroTreeConverter(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Converts {@code node} (null or missing for absent) to a generic datum of {@code schema}. */
  public Object convert(Schema schema, JsonNode node, String path) {
    boolean absent = node == null || node.isMissingNode() || node.isNull();
    if (schema.getType() == Schema.Type.UNION) {
      return union(schema, node, absent, path);
    }
    if (absent) {
      if (schema.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new ConversionException(path, "required");
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return timestamp(node, path);
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema, node, path);
      case ARRAY -> array(schema, node, path);
      case MAP -> map(schema, node, path);
      case ENUM -> enumSymbol(schema, node, path);
      case STRING -> string(node, path);
      case BYTES -> bytes(node, path);
      case INT -> (int) integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw new ConversionException(path, "expected true or false, got " + describe(node));
        }
        yield node.booleanValue();
      }
      case FLOAT -> (float) number(node, path);
      case DOUBLE -> number(node, path);
      case NULL -> throw new ConversionException(path, "expected null, got " + describe(node));
      default -> throw new ConversionException(path, "unsupported Avro type " + schema.getType());
    };
  }

  private GenericData.Record record(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      throw new ConversionException(path, "expected a map of " + schema.getName() + " fields, got " + describe(node));
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      if (schema.getField(name) == null) {
        throw new ConversionException(join(path, name), "unknown field of " + schema.getName() + " (known: "
            + schema.getFields().stream().map(Schema.Field::name).toList() + ")");
      }
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      if ((value == null || value.isNull()) && field.hasDefaultValue()) {
        record.put(field.pos(), GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field)));
      } else {
        record.put(field.pos(), convert(field.schema(), value, join(path, field.name())));
      }
    }
    return record;
  }

  private Object union(Schema schema, JsonNode node, boolean absent, String path) {
    List<Schema> branches = schema.getTypes();
    if (absent) {
      if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw new ConversionException(path, "required, one of " + branchNames(schema));
    }
    if (node.isObject() && node.size() == 1) {
      String key = node.properties().iterator().next().getKey();
      for (Schema branch : branches) {
        if (isNamed(branch) && (branch.getName().equals(key) || branch.getFullName().equals(key))) {
          return convert(branch, node.get(key), join(path, key));
        }
      }
    }
    List<Schema> candidates = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    if (candidates.size() == 1) {
      return convert(candidates.get(0), node, path); // an optional value: its own error is the clearest
    }
    ConversionException first = null;
    for (Schema branch : candidates) {
      try {
        return convert(branch, node, path);
      } catch (ConversionException e) {
        first = first == null ? e : first;
      }
    }
    String hint = branches.stream().anyMatch(AvroTreeConverter::isNamed)
        ? " (name the branch with a single key, e.g. {" + branchNames(schema).get(0) + ": ...})" : "";
    throw new ConversionException(path, "matches none of " + branchNames(schema) + hint
        + (first == null ? "" : "; first branch: " + first.getMessage()));
  }

  private List<Object> array(Schema schema, JsonNode node, String path) {
    if (!node.isArray()) {
      throw new ConversionException(path, "expected a list, got " + describe(node));
    }
    List<Object> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(convert(schema.getElementType(), node.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  private Map<String, Object> map(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      throw new ConversionException(path, "expected a map, got " + describe(node));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      map.put(entry.getKey(), convert(schema.getValueType(), entry.getValue(), join(path, entry.getKey())));
    }
    return map;
  }

  private static GenericData.EnumSymbol enumSymbol(Schema schema, JsonNode node, String path) {
    if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
      throw new ConversionException(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
    }
    return new GenericData.EnumSymbol(schema, node.textValue());
  }

  private static String string(JsonNode node, String path) {
    if (!node.isValueNode()) {
      throw new ConversionException(path, "expected a string, got " + describe(node));
    }
    return node.asText();
  }

  private ByteBuffer bytes(JsonNode node, String path) {
    if (node.isTextual()) {
      return ByteBuffer.wrap(node.textValue().getBytes(StandardCharsets.UTF_8));
    }
    if (node.isObject() && node.size() == 1 && node.has("base64")) {
      try {
        return ByteBuffer.wrap(Base64.getDecoder().decode(
            string(node.get("base64"), join(path, "base64")).replaceAll("\\s", "")));
      } catch (IllegalArgumentException e) {
        throw new ConversionException(join(path, "base64"), "not base64: " + e.getMessage());
      }
    }
    if (node.isObject() && node.size() == 1 && node.has("file")) {
      Path file = baseDir.resolve(string(node.get("file"), join(path, "file")));
      try {
        return ByteBuffer.wrap(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new ConversionException(join(path, "file"), "cannot read " + file + ": " + e);
      }
    }
    throw new ConversionException(path, "expected a string, {base64: ...} or {file: path}, got " + describe(node));
  }

  private static Instant timestamp(JsonNode node, String path) {
    if (node.isIntegralNumber()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw new ConversionException(path, "expected an ISO-8601 time like 2030-01-01T00:00:00Z, got "
            + describe(node));
      }
    }
    throw new ConversionException(path, "expected an ISO-8601 time or epoch milliseconds, got " + describe(node));
  }

  private static long integral(JsonNode node, String path, long min, long max) {
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw new ConversionException(path, "expected an integer from " + min + " to " + max + ", got "
          + describe(node));
    }
    return node.longValue();
  }

  private static double number(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw new ConversionException(path, "expected a number, got " + describe(node));
    }
    return node.doubleValue();
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }

  private static List<String> branchNames(Schema union) {
    return union.getTypes().stream().map(b -> isNamed(b) ? b.getName() : b.getType().getName()).toList();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    String text = node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
