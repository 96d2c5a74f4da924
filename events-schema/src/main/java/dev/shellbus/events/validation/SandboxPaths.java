package dev.shellbus.events.validation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates and normalizes paths inside a sandbox (inputs, artifacts, workdirs, GetFiles).
 *
 * <p>A path is accepted when it is absolute, free of control, format and malformed characters, has no {@code ..}
 * segment (literal, or produced by NFKC from look-alikes such as U+2025 or U+FF0E), and its normal form lies in the
 * workspace {@value #WORKSPACE} or in scratch space {@value #SCRATCH}. The normal form is NFC with repeated slashes
 * collapsed, {@code .} segments and a trailing slash removed. Percent signs and backslashes are ordinary file name
 * characters: paths are never URL-decoded. Normalizing an accepted path again gives the same path.
 */
public final class SandboxPaths {

  /** The sandbox workspace root. */
  public static final String WORKSPACE = "/sandbox";
  /** Scratch space, writable by sandbox commands. */
  public static final String SCRATCH = "/tmp";
  /** Maximum path length in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 4096;
  /** Maximum segment (file name) length in UTF-8 bytes. */
  public static final int MAX_SEGMENT_BYTES = 255;

  private SandboxPaths() {}

  /** Validates {@code raw} and returns its normal form or the rule it broke. */
  public static PathResult validate(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new PathResult.Rejected(PathProblem.EMPTY, "path is empty");
    }
    if (raw.length() > MAX_PATH_BYTES) {
      return new PathResult.Rejected(PathProblem.TOO_LONG,
          raw.length() + " characters, limit " + MAX_PATH_BYTES + " bytes");
    }
    PathResult.Rejected bad = scanCharacters(raw);
    if (bad != null) {
      return bad;
    }
    if (raw.charAt(0) != '/') {
      return new PathResult.Rejected(PathProblem.NOT_ABSOLUTE, "path must start with /");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : Normalizer.normalize(raw, Normalizer.Form.NFC).split("/")) {
      if (segment.isEmpty() || ".".equals(segment)) {
        continue;
      }
      bad = checkSegment(segment, segments.size());
      if (bad != null) {
        return bad;
      }
      segments.add(segment);
    }
    String normalized = "/" + String.join("/", segments);
    if (Utf8.length(normalized) > MAX_PATH_BYTES) {
      return new PathResult.Rejected(PathProblem.TOO_LONG, "normalized path over " + MAX_PATH_BYTES + " bytes");
    }
    if (!isUnder(normalized, WORKSPACE) && !isUnder(normalized, SCRATCH)) {
      return new PathResult.Rejected(PathProblem.OUTSIDE_WORKSPACE,
          "path must lie in " + WORKSPACE + " or " + SCRATCH);
    }
    return new PathResult.Accepted(normalized);
  }

  /** Returns whether a normalized path is {@code root} itself (a directory, not a file destination). */
  public static boolean isRoot(String normalized) {
    return WORKSPACE.equals(normalized) || SCRATCH.equals(normalized);
  }

  private static boolean isUnder(String normalized, String root) {
    return normalized.equals(root) || normalized.startsWith(root + "/");
  }

  private static PathResult.Rejected scanCharacters(String raw) {
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      PathProblem problem = classify(cp);
      if (problem != null) {
        return new PathResult.Rejected(problem, String.format("U+%04X at index %d", cp, i));
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static PathProblem classify(int cp) {
    if (Utf8.isControl(cp) || cp == 0x2028 || cp == 0x2029) {
      return PathProblem.CONTROL_CHARACTER;
    }
    if (Character.getType(cp) == Character.FORMAT) {
      return PathProblem.FORMAT_CHARACTER;
    }
    if ((cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) || cp == 0xFFFD) {
      return PathProblem.MALFORMED_UNICODE;
    }
    return null;
  }

  private static PathResult.Rejected checkSegment(String segment, int index) {
    if ("..".equals(segment)) {
      return new PathResult.Rejected(PathProblem.DOT_DOT_SEGMENT, "segment " + index + " is ..");
    }
    String compat = Normalizer.normalize(segment, Normalizer.Form.NFKC);
    String bare = withoutMarks(compat);
    if (compat.indexOf('/') >= 0 || ".".equals(bare) || "..".equals(bare)) {
      return new PathResult.Rejected(PathProblem.CONFUSABLE_SEGMENT,
          "segment " + index + " reads as '" + (compat.indexOf('/') >= 0 ? "/" : bare) + "' after NFKC");
    }
    if (Utf8.length(segment) > MAX_SEGMENT_BYTES) {
      return new PathResult.Rejected(PathProblem.SEGMENT_TOO_LONG,
          "segment " + index + " over " + MAX_SEGMENT_BYTES + " bytes");
    }
    return null;
  }

  private static String withoutMarks(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(cp -> {
      int type = Character.getType(cp);
      return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
          && type != Character.COMBINING_SPACING_MARK;
    }).forEach(out::appendCodePoint);
    return out.toString();
  }
}
