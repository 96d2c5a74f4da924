package dev.shellbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** BEHAVIOR.md and the ErrorCode enum must list the same codes with the same retryable flags. */
class ErrorCodeTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (yes|no) \\|", Pattern.MULTILINE);

  @Test
  void behaviorSpecListsEveryCodeWithItsRetryableFlag() throws IOException {
    String spec = Files.readString(Path.of(System.getProperty("basedir", "."), "BEHAVIOR.md"));
    Matcher rows = ROW.matcher(spec);
    Map<String, Boolean> documented = new LinkedHashMap<>();
    while (rows.find()) {
      documented.put(rows.group(1), "yes".equals(rows.group(2)));
    }
    Map<String, Boolean> coded = new LinkedHashMap<>();
    for (ErrorCode code : ErrorCode.values()) {
      coded.put(code.name(), code.retryable());
    }
    assertThat(documented).isEqualTo(coded);
  }

  @Test
  void unknownOrMissingCodesReadAsUnknown() {
    assertThat(ErrorCode.parse("SOMETHING_NEW")).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ErrorCode.parse(null)).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ErrorCode.parse("STEP_FAILED")).isEqualTo(ErrorCode.STEP_FAILED);
  }

  @Test
  void topicNamesAreTheDocumentedDefaults() {
    assertThat(EventKind.values()).extracting(EventKind::defaultTopic).containsExactly(
        "shellbus.requests", "shellbus.results", "shellbus.lifecycle", "shellbus.audit", "shellbus.workers");
    assertThat(Topics.REQUESTS_DLQ).isEqualTo("shellbus.requests.dlq");
    assertThat(Topics.REQUEST_STATE).isEqualTo("shellbus.request-state");
    assertThat(Topics.DLQ_SOURCE_OFFSET).isEqualTo("shellbus.dlq.source-offset");
  }
}
