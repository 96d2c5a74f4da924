package dev.shellbus.events.validation;

/** Why {@link SandboxPaths} rejected a path. */
public enum PathProblem {
  /** Null or empty. */
  EMPTY,
  /** Does not start with {@code /}. */
  NOT_ABSOLUTE,
  /** Longer than 4096 bytes in UTF-8 (before or after normalization). */
  TOO_LONG,
  /** A segment is longer than 255 bytes in UTF-8. */
  SEGMENT_TOO_LONG,
  /** Holds a C0 or C1 control character, DEL, or a Unicode line or paragraph separator (NUL included). */
  CONTROL_CHARACTER,
  /** Holds an invisible format character (Unicode Cf): bidi overrides and isolates, zero-width characters, BOM. */
  FORMAT_CHARACTER,
  /** Holds an unpaired surrogate or U+FFFD, the mark of bytes that were not valid UTF-8. */
  MALFORMED_UNICODE,
  /** Has a {@code ..} segment; paths are never resolved upward. */
  DOT_DOT_SEGMENT,
  /** Has a segment that compatibility normalization (NFKC) turns into {@code .} or {@code ..} or that hides a {@code /}. */
  CONFUSABLE_SEGMENT,
  /** Normalizes to a place outside {@code /sandbox} and {@code /tmp}. */
  OUTSIDE_WORKSPACE
}
