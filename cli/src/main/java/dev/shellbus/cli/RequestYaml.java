package dev.shellbus.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.worker.config.Durations;
import dev.shellbus.worker.config.YamlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Reads a {@link SandboxRequest} written in YAML.
 *
 * <p>The document follows the Avro schema field by field ({@link AvroTreeConverter}), with conveniences for the
 * envelope: {@code request_id} is generated when absent, {@code created_at} defaults to now, {@code tenant} to
 * {@code default}, {@code principal} to the OS user name, {@code deadline} to {@value #DEFAULT_DEADLINE_TEXT} from now
 * and may be a duration from now ({@code 10m}, {@code 90s}, {@code PT5M}) as well as an absolute time, and a
 * {@code RunJob} or {@code OpenSession} without {@code spec} gets the gateway's default sandbox ({@code spec: {}}).
 */
public final class RequestYaml {

  /** The tenant of a request that names none. */
  public static final String DEFAULT_TENANT = "default";

  /** The deadline of a request that names none, from now. */
  public static final String DEFAULT_DEADLINE_TEXT = "10m";

  private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
  private static final List<String> BODIES_WITH_SPEC = List.of("RunJob", "OpenSession");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Clock clock;

  /** Creates a reader that takes "now" from {@code clock}. */
  public RequestYaml(Clock clock) {
    this.clock = clock;
  }

  /** Reads and converts the request in {@code file}; {@code {file: ...}} bytes resolve against its folder. */
  public SandboxRequest read(Path file) throws IOException {
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new ConversionException("", "not valid YAML " + YamlErrors.describe(e));
    }
    Path dir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
    return convert(tree, dir);
  }

  /** Converts a parsed document, resolving {@code {file: ...}} bytes against {@code baseDir}. */
  public SandboxRequest convert(JsonNode tree, Path baseDir) {
    if (tree == null || !tree.isObject()) {
      throw new ConversionException("", "expected a map with the request fields (body: {RunJob: ...} etc.)");
    }
    ObjectNode doc = ((ObjectNode) tree).deepCopy();
    Instant now = clock.instant();
    if (isAbsent(doc.get("request_id"))) {
      doc.put("request_id", newRequestId());
    }
    if (isAbsent(doc.get("tenant"))) {
      doc.put("tenant", DEFAULT_TENANT);
    }
    if (isAbsent(doc.get("principal"))) {
      doc.put("principal", System.getProperty("user.name", "unknown"));
    }
    if (isAbsent(doc.get("created_at"))) {
      doc.put("created_at", now.toEpochMilli());
    }
    if (isAbsent(doc.get("deadline"))) {
      doc.put("deadline", now.plus(DEFAULT_DEADLINE).toEpochMilli());
    }
    if (doc.get("body") instanceof ObjectNode body) {
      for (String kind : BODIES_WITH_SPEC) {
        if (body.get(kind) instanceof ObjectNode fields && isAbsent(fields.get("spec"))) {
          fields.putObject("spec");
        }
      }
    }
    JsonNode deadline = doc.get("deadline");
    if (deadline.isTextual()) {
      Optional<Duration> relative = Durations.parse(deadline.textValue());
      if (relative.isPresent()) {
        doc.put("deadline", now.plus(relative.get()).toEpochMilli());
      }
    }
    Object generic = new AvroTreeConverter(baseDir).convert(SandboxRequest.getClassSchema(), doc, "");
    return toSpecific((GenericRecord) generic);
  }

  /** Copies a generic request into the generated class, converting logical types with its own model. */
  static SandboxRequest toSpecific(GenericRecord generic) {
    SpecificData model = SpecificData.getForClass(SandboxRequest.class);
    return (SandboxRequest) model.deepCopy(SandboxRequest.getClassSchema(), generic);
  }

  /** Returns a fresh request id: {@code r-} and a random UUID, a valid Kubernetes label value. */
  public static String newRequestId() {
    return "r-" + UUID.randomUUID();
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
