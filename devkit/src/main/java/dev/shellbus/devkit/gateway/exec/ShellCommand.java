package dev.shellbus.devkit.gateway.exec;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an exec request into the one POSIX shell string the supervisor hands to {@code /bin/bash -lc} (contract 4.7).
 *
 * <p>The string is the per-exec {@code KEY=value} pairs sorted by key, then each argv element escaped on its own,
 * prefixed by {@code cd <workdir> && } when a workdir is set, and trimmed. Shell metacharacters inside argv are
 * therefore never interpreted.
 */
public final class ShellCommand {

  /** The largest command string the gateway builds. */
  public static final int MAX_COMMAND_BYTES = 256 * 1024;

  private ShellCommand() {}

  /**
   * Builds the shell string of a request.
   *
   * @throws GatewayException INVALID_ARGUMENT when the string exceeds 256 KiB
   */
  public static String build(ExecSandboxRequest request) {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, String> entry : new TreeMap<>(request.getEnvironmentMap()).entrySet()) {
      line.append(entry.getKey()).append('=').append(escape(entry.getValue())).append(' ');
    }
    for (int i = 0; i < request.getCommandCount(); i++) {
      if (i > 0) {
        line.append(' ');
      }
      line.append(escape(request.getCommand(i)));
    }
    String command = line.toString();
    if (!request.getWorkdir().isEmpty()) {
      command = "cd " + escape(request.getWorkdir()) + " && " + command;
    }
    command = command.trim();
    int bytes = command.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_COMMAND_BYTES) {
      throw GatewayException.invalid("command string is " + bytes + " bytes; at most " + MAX_COMMAND_BYTES
          + " are allowed");
    }
    return command;
  }

  /**
   * Escapes one word for a POSIX shell: bare when it is made only of {@code [A-Za-z0-9./_-]}, {@code ''} when empty,
   * otherwise single-quoted with each {@code '} written as {@code '\''}.
   */
  public static String escape(String word) {
    if (word.isEmpty()) {
      return "''";
    }
    if (isBare(word)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean isBare(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '/' || c == '_' || c == '-';
      if (!safe) {
        return false;
      }
    }
    return true;
  }
}
