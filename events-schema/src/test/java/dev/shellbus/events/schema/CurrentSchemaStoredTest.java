package dev.shellbus.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shellbus.events.EventKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The release gate: the schema compiled from src/main/avro must equal the newest stored version. When an author
 * changes a schema, this fails until the new version is stored as the next vN.avsc; the expected file is written to
 * target/schema-candidates so it can be copied in.
 */
class CurrentSchemaStoredTest {

  private static final Path CANDIDATES = Path.of(System.getProperty("basedir", "."), "target", "schema-candidates");

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void currentSchemaIsStoredAsTheNewestVersion(EventKind kind) throws IOException {
    StoredSchema latest = SchemaVersions.get().latest(kind);
    String current = SchemaVersions.render(kind.schema());
    if (!current.equals(SchemaVersions.render(latest.schema()))) {
      int next = latest.version() + 1;
      Path candidate = CANDIDATES.resolve(kind.recordName()).resolve("v" + next + ".avsc");
      Files.createDirectories(candidate.getParent());
      Files.writeString(candidate, current);
      fail("The current " + kind.recordName() + " schema differs from the newest stored version v" + latest.version()
          + ". Before release, store it as src/main/resources/" + SchemaVersions.resourcePath(kind, next)
          + " (copy " + candidate + ") and keep v" + latest.version() + " unchanged; "
          + "SchemaCompatibilityTest then checks the change against every stored version.");
    }
    assertThat(latest.fingerprint()).isEqualTo(SchemaVersions.fingerprint(kind.schema()));
  }
}
