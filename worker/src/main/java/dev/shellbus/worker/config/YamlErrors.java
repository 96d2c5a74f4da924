package dev.shellbus.worker.config;

import com.fasterxml.jackson.core.JacksonException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One-line descriptions of YAML syntax errors, for every YAML a user writes: the worker's config file and the
 * requests {@code shellbus submit} reads. SnakeYAML's own message spans several lines with excerpts and repeats the
 * position; Jackson's location points past the problem.
 */
public final class YamlErrors {

  private YamlErrors() {}

  /**
   * Describes a YAML syntax error on one line: where (1-based line and column of SnakeYAML's problem mark, which is
   * right where Jackson's own location is not), what, and while parsing what, e.g. {@code at line 3, column 2:
   * expected <block end>, but found '<block mapping start>' (while parsing a block mapping from line 1, column 1)}.
   */
  public static String describe(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String context = marked.getContext() == null ? "" : " (" + marked.getContext()
          + (marked.getContextMark() == null ? "" : " from " + where(marked.getContextMark())) + ")";
      return "at " + where(marked.getProblemMark()) + ": " + oneLine(marked.getProblem()) + oneLine(context);
    }
    String first = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
    return e.getLocation() == null ? ": " + first
        : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + first;
  }

  private static String where(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
