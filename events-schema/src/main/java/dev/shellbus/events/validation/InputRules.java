package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.ObjectRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for input files: destination path, mode, and the inline or object-store source. */
final class InputRules {

  private InputRules() {}

  /** Checks a list of inputs; returns the inline bytes it carries. */
  static long check(Findings findings, String field, List<Input> inputs, boolean atLeastOne) {
    if (inputs == null || inputs.isEmpty()) {
      if (atLeastOne) {
        findings.add(field, ErrorCode.INVALID_REQUEST, "at least one input is required");
      }
      return 0;
    }
    if (!findings.max(field, inputs.size(), Limits.MAX_INPUTS, "inputs")) {
      return 0;
    }
    Set<String> paths = new HashSet<>();
    long inline = 0;
    for (int i = 0; i < inputs.size(); i++) {
      inline += one(findings, field + "[" + i + "]", inputs.get(i), paths);
    }
    return inline;
  }

  private static long one(Findings findings, String field, Input input, Set<String> paths) {
    if (input == null) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "input is null");
      return 0;
    }
    String path = findings.path(field + ".path", input.getPath());
    if (path != null && SandboxPaths.isRoot(path)) {
      findings.add(field + ".path", ErrorCode.INVALID_PATH, "an input needs a file path below the root");
    } else if (path != null && !paths.add(path)) {
      findings.add(field + ".path", ErrorCode.INVALID_REQUEST, "another input writes the same path");
    }
    if (input.getMode() < 0 || input.getMode() > Limits.MAX_MODE) {
      findings.add(field + ".mode", ErrorCode.INVALID_REQUEST, "must be 0 to 0777 (no setuid, setgid or sticky bit)");
    }
    Object source = input.getSource();
    if (source instanceof InlineContent inline) {
      long size = inline.getData() == null ? 0 : inline.getData().remaining();
      findings.max(field + ".source.data", size, Limits.MAX_INLINE_INPUT_BYTES, "bytes", "use an s3:// URI");
      return size;
    }
    if (source instanceof ObjectRef ref) {
      ObjectUris.check(findings, field + ".source.uri", ref.getUri());
      ObjectUris.checkSha256(findings, field + ".source.sha256", ref.getSha256());
      return 0;
    }
    findings.add(field + ".source", ErrorCode.INVALID_REQUEST, "must be InlineContent or ObjectRef");
    return 0;
  }

  /** Checks artifact or GetFiles paths: each valid, no duplicates after normalization. */
  static void paths(Findings findings, String field, List<String> raw, boolean atLeastOne) {
    if (raw == null || raw.isEmpty()) {
      if (atLeastOne) {
        findings.add(field, ErrorCode.INVALID_REQUEST, "at least one path is required");
      }
      return;
    }
    if (!findings.max(field, raw.size(), Limits.MAX_PATHS, "paths")) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String path = findings.path(field + "[" + i + "]", raw.get(i));
      if (path != null && !seen.add(path)) {
        findings.add(field + "[" + i + "]", ErrorCode.INVALID_REQUEST, "listed twice");
      }
    }
  }
}
