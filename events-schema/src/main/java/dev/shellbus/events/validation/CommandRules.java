package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for one command (a job step or an Exec): argv, workdir, env, stdin and timeout, plus the size of the shell
 * string the gateway assembles from them ({@code cd <workdir> && KEY=value ... 'arg' ...}, at most 256 KiB).
 */
final class CommandRules {

  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9./_-]+");

  private CommandRules() {}

  /** Checks a command; returns the stdin size, which counts toward the request's inline total. */
  static long check(Findings findings, String field, List<String> argv, String workdir, Map<String, String> env,
      List<String> secretKeys, ByteBuffer stdin, int timeoutSeconds) {
    argv(findings, field + ".argv", argv);
    if (workdir != null) {
      findings.path(field + ".workdir", workdir);
    }
    EnvRules.command(findings, field, env, secretKeys);
    if (timeoutSeconds < 0) {
      findings.add(field + ".timeout_seconds", ErrorCode.INVALID_REQUEST, "must be 0 (none) or positive");
    }
    if (argv != null && env != null) {
      findings.max(field, assembledBytes(argv, workdir, env), Limits.MAX_COMMAND_BYTES, "bytes of assembled command");
    }
    long stdinBytes = stdin == null ? 0 : stdin.remaining();
    findings.max(field + ".stdin", stdinBytes, Limits.MAX_STDIN_BYTES, "bytes");
    return stdinBytes;
  }

  private static void argv(Findings findings, String field, List<String> argv) {
    if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isEmpty()) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "a command needs a non-empty argv[0]");
      return;
    }
    if (!findings.max(field, argv.size(), Limits.MAX_ARGS, "arguments")) {
      return;
    }
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      String f = field + "[" + i + "]";
      if (arg == null) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "argument is null");
      } else if (findings.max(f, Utf8.length(arg), Limits.MAX_ARG_BYTES, "bytes") && arg.indexOf('\0') >= 0) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "argument contains NUL");
      }
    }
  }

  /** Estimates the gateway's shell string: env pairs and argv elements each quoted unless made of safe characters. */
  static long assembledBytes(List<String> argv, String workdir, Map<String, String> env) {
    long n = workdir == null ? 0 : "cd ".length() + quoted(workdir) + " && ".length();
    for (Map.Entry<String, String> e : env.entrySet()) {
      n += Utf8.length(String.valueOf(e.getKey())) + 1 + quoted(String.valueOf(e.getValue())) + 1;
    }
    for (String arg : argv) {
      n += quoted(String.valueOf(arg)) + 1;
    }
    return n;
  }

  private static long quoted(String s) {
    if (s.isEmpty()) {
      return 2;
    }
    if (BARE.matcher(s).matches()) {
      return s.length();
    }
    return Utf8.length(s) + 2 + 3L * s.chars().filter(c -> c == '\'').count();
  }
}
