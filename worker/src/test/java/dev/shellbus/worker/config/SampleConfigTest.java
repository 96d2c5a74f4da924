package dev.shellbus.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code worker/config/shellbus-worker.sample.yaml} complete and current. Regenerate it with {@code mvn -pl
 * worker test -Dtest=SampleConfigTest -Dshellbus.writeSample=true}.
 */
class SampleConfigTest {

  private static final Path SAMPLE = Path.of("config", "shellbus-worker.sample.yaml");
  private static final Pattern SECTION = Pattern.compile("^( *)([a-z0-9-]+):\\s*$");
  private static final Pattern LEAF = Pattern.compile("^( *)# ([a-z0-9-]+):( .*)?$");

  @TempDir
  Path dir;

  @Test
  void theSampleListsEveryKey() throws IOException {
    writeIfAsked();
    Set<String> listed = keysIn(Files.readAllLines(SAMPLE));
    Set<String> declared = ConfigKeys.all().stream().map(ConfigKey::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(listed).as("keys in " + SAMPLE).containsExactlyElementsOf(declared);
  }

  @Test
  void theSampleIsTheGeneratedText() throws IOException {
    writeIfAsked();
    assertThat(Files.readString(SAMPLE)).as(SAMPLE + " is stale; regenerate it (see this test's Javadoc)")
        .isEqualTo(SampleConfig.render());
  }

  @Test
  void theSampleLoadsAsItIsAndWithEveryDefaultUncommented() throws IOException {
    WorkerConfig plain = WorkerConfig.builder().file(SAMPLE).build();
    StringBuilder uncommented = new StringBuilder();
    for (String line : Files.readAllLines(SAMPLE)) {
      Matcher m = LEAF.matcher(line);
      boolean value = m.matches() && !line.contains(SampleConfig.SECRET_MARK);
      uncommented.append(value ? m.group(1) + m.group(2) + ":" + (m.group(3) == null ? "" : m.group(3)) : line)
          .append('\n');
    }
    Path file = dir.resolve("all.yaml");
    Files.writeString(file, uncommented);
    WorkerConfig all = WorkerConfig.builder().file(file).build();
    assertThat(all.kafka()).isEqualTo(plain.kafka());
    assertThat(all.engine()).isEqualTo(plain.engine());
    assertThat(all.values().source(ConfigKeys.DRAIN_GRACE)).startsWith("file");
  }

  private static Set<String> keysIn(List<String> lines) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> path = new ArrayList<>();
    for (String line : lines) {
      Matcher section = SECTION.matcher(line);
      Matcher leaf = LEAF.matcher(line);
      if (section.matches()) {
        int depth = section.group(1).length() / 2;
        path.subList(Math.min(depth, path.size()), path.size()).clear();
        path.add(section.group(2));
      } else if (leaf.matches()) {
        int depth = leaf.group(1).length() / 2;
        String prefix = String.join(".", path.subList(0, Math.min(depth, path.size())));
        keys.add(prefix.isEmpty() ? leaf.group(2) : prefix + "." + leaf.group(2));
      }
    }
    return keys;
  }

  private static void writeIfAsked() throws IOException {
    if (Boolean.getBoolean("shellbus.writeSample")) {
      Files.createDirectories(SAMPLE.getParent());
      Files.writeString(SAMPLE, SampleConfig.render());
    }
  }
}
