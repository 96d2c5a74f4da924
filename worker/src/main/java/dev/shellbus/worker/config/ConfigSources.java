package dev.shellbus.worker.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads raw values from the three outside sources: a YAML file, environment variables and command-line flags. Each
 * answers a map from key name to raw value (a string, or a YAML list or map); unknown keys and secrets where secrets
 * are not allowed fail here, naming the key and the source.
 */
final class ConfigSources {

  /** The flag that names the YAML file. */
  static final String CONFIG_FLAG = "--config";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, ConfigKey<?>> KEYS = ConfigKeys.byName();

  private ConfigSources() {}

  /** Reads a YAML file; a missing or unreadable file is fatal. */
  static Map<String, Object> file(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "config file " + file + " cannot be read: " + e.getMessage(), e);
    }
    Object tree;
    try {
      tree = text.isBlank() ? Map.of() : YAML.readValue(text, Object.class);
    } catch (JacksonException e) {
      throw new ConfigException("", "config file " + file + " is not valid YAML " + YamlErrors.describe(e), e);
    }
    if (tree == null) {
      return Map.of();
    }
    if (!(tree instanceof Map<?, ?> root)) {
      throw new ConfigException("", "config file " + file + " must hold a YAML mapping at the top");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", root, out, "file " + file);
    out.keySet().forEach(name -> refuseSecret(name, "the config file"));
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> node, Map<String, Object> out, String source) {
    for (Map.Entry<?, ?> e : node.entrySet()) {
      String name = prefix + e.getKey();
      ConfigKey<?> key = KEYS.get(name);
      if (key != null) {
        if (e.getValue() != null) {
          out.put(name, e.getValue());
        }
      } else if (e.getValue() instanceof Map<?, ?> child && isPrefix(name + ".")) {
        flatten(name + ".", child, out, source);
      } else if (e.getValue() == null && isPrefix(name + ".")) {
        continue; // a section whose keys are all commented out, as in the sample file
      } else {
        throw new ConfigException(name, "unknown key in " + source);
      }
    }
  }

  private static boolean isPrefix(String prefix) {
    return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** Reads the {@code SHELLBUS_*} variables that name keys; other variables are ignored. */
  static Map<String, Object> env(Map<String, String> env) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigKey<?> key : KEYS.values()) {
      String value = env.get(key.envName());
      if (value != null) {
        out.put(key.name(), value);
      }
    }
    return out;
  }

  /** Returns the value of {@code --config FILE} or {@code --config=FILE}, if given. */
  static Path configFile(List<String> args) {
    Path file = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(CONFIG_FLAG)) {
        if (i + 1 >= args.size()) {
          throw new ConfigException("config", "--config needs a file name");
        }
        file = Path.of(args.get(++i));
      } else if (arg.startsWith(CONFIG_FLAG + "=")) {
        file = Path.of(arg.substring(CONFIG_FLAG.length() + 1));
      }
    }
    return file;
  }

  /**
   * Reads {@code --key=value} and {@code --key value} flags; a boolean key given alone means {@code true}. {@code
   * --config} is skipped (see {@link #configFile}); anything else that is not a known key fails.
   */
  static Map<String, Object> flags(List<String> args) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(args);
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (!arg.startsWith("--")) {
        throw new ConfigException("", "unexpected argument '" + arg + "': flags look like --kafka.group-id=NAME");
      }
      int eq = arg.indexOf('=');
      String name = arg.substring(2, eq < 0 ? arg.length() : eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      if (name.equals("config")) {
        i += value == null ? 1 : 0;
        continue;
      }
      ConfigKey<?> key = KEYS.get(name);
      if (key == null) {
        throw new ConfigException(name, "unknown flag --" + name);
      }
      refuseSecret(name, "a command-line flag (visible in the process list)");
      if (value == null) {
        boolean next = i + 1 < rest.size() && !rest.get(i + 1).startsWith("--");
        if (next) {
          value = rest.get(++i);
        } else if (key.type() == ValueType.BOOLEAN) {
          value = "true";
        } else {
          throw new ConfigException(name, "--" + name + " needs a value");
        }
      }
      out.put(name, value);
    }
    return out;
  }

  private static void refuseSecret(String name, String where) {
    ConfigKey<?> key = KEYS.get(name);
    if (key != null && key.secret()) {
      throw new ConfigException(name, "is a secret and cannot be set in " + where + "; set the environment variable "
          + key.envName() + " or " + key.fileKeyName() + " instead");
    }
  }
}
