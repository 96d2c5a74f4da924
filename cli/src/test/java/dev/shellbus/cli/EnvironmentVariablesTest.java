package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGatewayFlags;
import dev.shellbus.worker.config.ConfigKey;
import dev.shellbus.worker.config.ConfigKeys;
import dev.shellbus.worker.config.WorkerUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One name for each environment variable: every {@code SHELLBUS_*} variable that a README, a {@code --help} text, a
 * script, the Helm chart, the sample configuration or the code names is a worker configuration key's variable or is
 * listed in {@code docs/environment.md}, and everything listed there is read somewhere.
 */
class EnvironmentVariablesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern VARIABLE = Pattern.compile("\\bSHELLBUS_[A-Z0-9_]*[A-Z0-9]\\b");
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".shellbus", "node_modules");
  private static final Pattern TEXT_FILE = Pattern.compile(
      ".*\\.(md|ya?ml|sh|tpl|java|json|properties|txt)$|Dockerfile|shellbus|run|benchmark");

  @Test
  void everyNamedVariableIsAConfigKeyOrDocumented() throws IOException {
    Set<String> known = new HashSet<>(documented());
    ConfigKeys.all().stream().map(ConfigKey::envName).forEach(known::add);
    Map<String, String> unknown = new TreeMap<>();
    named().forEach((variable, where) -> {
      if (!known.contains(variable)) {
        unknown.put(variable, where);
      }
    });
    assertThat(unknown).as("variables named but neither a config key nor in docs/environment.md (name -> where)")
        .isEmpty();
  }

  @Test
  void everyDocumentedVariableIsRead() throws IOException {
    Set<String> inCode = new HashSet<>();
    for (Path file : files()) {
      if (file.toString().endsWith(".java") || file.getFileName().toString().equals("shellbus")) {
        inCode.addAll(variables(read(file)));
      }
    }
    assertThat(documented()).as("listed in docs/environment.md, so something must read it").isSubsetOf(inCode);
  }

  @Test
  void theRetiredStoreVariablesAreNamedNowhere() throws IOException {
    String prefix = "SHELLBUS_"; // split, or this file would name them
    assertThat(named().keySet()).doesNotContain(prefix + "S3_ACCESS_KEY", prefix + "S3_SECRET_KEY",
        prefix + "LOADTEST_S3_SECRET_KEY");
  }

  /** Every variable named in the tree or in a help text, with one place that names it. */
  private static Map<String, String> named() throws IOException {
    Map<String, String> named = new TreeMap<>();
    for (Path file : files()) {
      variables(read(file)).forEach(v -> named.putIfAbsent(v, ROOT.relativize(file).toString()));
    }
    variables(helpTexts()).forEach(v -> named.putIfAbsent(v, "--help"));
    return named;
  }

  private static Set<String> documented() throws IOException {
    return variables(Files.readString(ROOT.resolve("docs/environment.md")));
  }

  private static String helpTexts() {
    StringBuilder all = new StringBuilder(WorkerUsage.render("shellbus worker")).append(DevGatewayFlags.USAGE);
    addUsage(Main.commandLine(), all);
    return all.toString();
  }

  private static void addUsage(CommandLine command, StringBuilder all) {
    StringWriter text = new StringWriter();
    command.usage(new PrintWriter(text));
    all.append(text);
    command.getSubcommands().values().forEach(sub -> addUsage(sub, all));
  }

  private static Set<String> variables(String text) {
    Set<String> found = new HashSet<>();
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> Stream.of(ROOT.relativize(f).toString().split("/")).noneMatch(SKIPPED_DIRS::contains))
          .filter(f -> TEXT_FILE.matcher(f.getFileName().toString()).matches())
          .collect(Collectors.toList());
    }
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (MalformedInputException binary) {
      return "";
    }
  }
}
